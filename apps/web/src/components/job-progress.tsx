"use client";

import { useEffect, useRef, useState } from "react";
import {
  CancelJobDocument,
  JobDocument,
  type JobFieldsFragment,
  RetryJobDocument,
} from "../graphql/generated";
import { useAction, useQuery } from "../lib/hooks";
import { RequireRole } from "../lib/session";
import { ErrorNote, ProgressBar, StatusBadge } from "./ui";

const ENDED = new Set(["succeeded", "failed", "cancelled"]);

/**
 * A background job's live progress (polled every second until it ends), with cancel for
 * analysts, and retry when it failed or was cancelled (the retry is followed here in its place);
 * `onDone` fires once when a job ends.
 */
export function JobProgress({
  jobId,
  onDone,
}: {
  jobId: string;
  onDone?: (status: string, job: JobFieldsFragment) => void;
}) {
  const [retriedAs, setRetriedAs] = useState<string | null>(null);
  if (retriedAs) return <JobProgress key={retriedAs} jobId={retriedAs} onDone={onDone} />;
  return <OneJob jobId={jobId} onDone={onDone} onRetried={setRetriedAs} />;
}

function OneJob({
  jobId,
  onDone,
  onRetried,
}: {
  jobId: string;
  onDone?: (status: string, job: JobFieldsFragment) => void;
  onRetried(jobId: string): void;
}) {
  const [done, setDone] = useState(false);
  const { data, refetch } = useQuery(JobDocument, { id: jobId }, { pollMs: done ? undefined : 1000 });
  const cancel = useAction(CancelJobDocument);
  const retry = useAction(RetryJobDocument);
  const [retryProblem, setRetryProblem] = useState<{ message: string } | null>(null);
  const job = data?.job;
  const ended = job ? ENDED.has(job.status) : false;
  const reported = useRef(false);

  useEffect(() => {
    if (job && ended && !reported.current) {
      reported.current = true;
      setDone(true);
      onDone?.(job.status, job);
    }
  }, [job, ended, onDone]);

  if (!job) return <ProgressBar value={0} label="starting…" />;
  return (
    <div className="grid" style={{ gap: 6 }} data-job-status={job.status}>
      <div className="row">
        <strong>{job.kind}</strong>
        <StatusBadge status={job.status} />
        <span className="spacer" />
        {!ended && (
          <RequireRole role="analyst">
            <button
              type="button"
              className="secondary"
              disabled={cancel.pending}
              onClick={async () => {
                await cancel.run({ id: job.id });
                await refetch();
              }}
            >
              Cancel
            </button>
          </RequireRole>
        )}
        {(job.status === "failed" || job.status === "cancelled") && (
          <RequireRole role="analyst">
            <button
              type="button"
              className="secondary"
              disabled={retry.pending}
              onClick={async () => {
                const answer = await retry.run({ id: job.id });
                const next = answer?.retryJob.job;
                if (answer?.retryJob.ok && next) onRetried(next.id);
                else setRetryProblem(answer?.retryJob.error ?? null);
              }}
            >
              Retry
            </button>
          </RequireRole>
        )}
      </div>
      {!ended && (
        <ProgressBar
          value={job.progress}
          label={`${Math.round(job.progress * 100)} % · ${job.stage ?? ""}`}
        />
      )}
      {job.error && <ErrorNote error={job.error} />}
      <ErrorNote error={retryProblem ?? retry.error} />
    </div>
  );
}
