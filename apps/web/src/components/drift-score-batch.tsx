"use client";

import { useCallback, useRef, useState } from "react";
import { DriftScoreBatchDocument, JobDocument } from "../graphql/generated";
import { count, fixed } from "../lib/format";
import { ApiError, request, upload } from "../lib/graphql";
import { JobProgress } from "./job-progress";
import { Card, ErrorNote } from "./ui";

type Failure = { message: string; field?: string | null; column?: string | null } | null;

/** What a finished score job reports (its result is untyped JSON). */
function scoreResult(result: unknown): {
  reportId: string | null;
  rows: number | null;
  maxPsi: number | null;
} {
  const r = (result ?? {}) as Record<string, unknown>;
  return {
    reportId: typeof r.driftReportId === "string" ? r.driftReportId : null,
    rows: typeof r.rows === "number" ? r.rows : null,
    maxPsi: typeof r.maxPsi === "number" ? r.maxPsi : null,
  };
}

/**
 * Upload a new batch: the run's model scores and embeds it in the background (a job with progress),
 * and its drift against the training rows becomes a new report, which `onScored` then shows.
 */
export function ScoreBatchPanel({
  runId,
  onScored,
}: {
  runId: string;
  onScored(reportId: string | null): void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<Failure>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // JobProgress reports the end on every poll after it; handle each job once.
  const handled = useRef<string | null>(null);

  async function submit() {
    if (!file) return;
    setUploading(true);
    setError(null);
    setNotice(null);
    try {
      const answer = await upload(DriftScoreBatchDocument, { runId }, { file });
      const { ok, error: failure, job } = answer.scoreBatch;
      if (ok && job) setJobId(job.id);
      else setError(failure ?? { message: "the batch could not be scored" });
    } catch (e) {
      setError(e instanceof ApiError ? e : { message: String(e) });
    } finally {
      setUploading(false);
    }
  }

  const onDone = useCallback(
    async (status: string) => {
      if (!jobId || handled.current === jobId) return;
      handled.current = jobId;
      try {
        const { job } = await request(JobDocument, { id: jobId });
        if (status === "succeeded") {
          const result = scoreResult(job?.result);
          setNotice(
            `Scored ${file?.name ?? "the batch"}: ${count(result.rows)} customers, max PSI ${fixed(result.maxPsi)}.`,
          );
          onScored(result.reportId);
        } else {
          setError(job?.error ?? { message: `the score job ${status}` });
        }
      } catch (e) {
        setError(e instanceof ApiError ? e : { message: String(e) });
      } finally {
        setJobId(null);
      }
    },
    [jobId, file, onScored],
  );

  const busy = uploading || jobId !== null;
  return (
    <Card title="Upload a batch to score">
      <p className="small muted" style={{ marginTop: 0 }}>
        A CSV with the run's feature columns (new customers, or this month's snapshot). The run's model scores
        and embeds it, and its drift against the training rows becomes a new report.
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <input
          type="file"
          accept=".csv,.txt,text/csv"
          aria-label="Batch CSV"
          disabled={busy}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(null);
            setNotice(null);
          }}
        />
        <button type="submit" disabled={!file || busy}>
          {uploading ? "Uploading…" : "Score batch"}
        </button>
      </form>
      {jobId && (
        <div style={{ marginTop: 12 }}>
          <JobProgress jobId={jobId} onDone={(status) => void onDone(status)} />
        </div>
      )}
      {error && (
        <div style={{ marginTop: 12 }}>
          <ErrorNote error={error} />
        </div>
      )}
      {notice && (
        <p className="small" role="status" style={{ marginBottom: 0 }}>
          <span className="badge good">done</span> {notice}
        </p>
      )}
    </Card>
  );
}
