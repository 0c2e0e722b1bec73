"use client";

import { useCallback, useState } from "react";
import { EmbedTextDocument, type RunQuery } from "../graphql/generated";
import { count, fixed } from "../lib/format";
import { ApiError, request, upload } from "../lib/graphql";
import { RequireRole } from "../lib/session";
import { JobProgress } from "./job-progress";
import { Card, ErrorNote, Stat } from "./ui";

type Run = NonNullable<RunQuery["run"]>;

/** Starts embedding the run's customers as text, with an optional data dictionary. */
function EmbedTextForm({ runId, onDone }: { runId: string; onDone: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState("");
  const [model, setModel] = useState("");
  const [jobId, setJobId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<{ message: string; field?: string | null } | null>(null);
  // The finished job's progress stays on screen (its outcome), until the next start replaces it.
  const done = useCallback(() => {
    setRunning(false);
    onDone();
  }, [onDone]);

  async function start() {
    setBusy(true);
    setProblem(null);
    try {
      const variables = {
        runId,
        ...(model.trim() ? { model: model.trim() } : {}),
        ...(file && sheet.trim() ? { sheet: sheet.trim() } : {}),
      };
      const result = file
        ? await upload(EmbedTextDocument, variables, { dictionary: file })
        : await request(EmbedTextDocument, variables);
      if (result.embedText.ok && result.embedText.job) {
        setJobId(result.embedText.job.id);
        setRunning(true);
      } else setProblem(result.embedText.error ?? { message: "the text embedding did not start" });
    } catch (e) {
      setProblem(e instanceof ApiError ? e : { message: String(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="grid" style={{ gap: 10 }}>
      <div className="row" style={{ alignItems: "flex-end" }}>
        <label className="field">
          Data dictionary (optional: CSV of column, description[, unit][, codes], or a workbook)
          <input type="file" accept=".csv,.xlsx" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        {file?.name.toLowerCase().endsWith(".xlsx") && (
          <label className="field">
            Sheet
            <input
              value={sheet}
              onChange={(e) => setSheet(e.target.value)}
              placeholder="found automatically"
              style={{ width: 160 }}
            />
          </label>
        )}
        <label className="field">
          Model (default: the server's KINDRED_TEXT_MODEL)
          <input value={model} onChange={(e) => setModel(e.target.value)} placeholder="name or folder" />
        </label>
        <button type="button" disabled={busy || running} onClick={() => void start()}>
          Embed as text
        </button>
      </div>
      <ErrorNote error={problem} />
      {jobId && <JobProgress key={jobId} jobId={jobId} onDone={done} />}
    </div>
  );
}

/**
 * The run's second vector space: each customer written out as text ("description: value") and
 * embedded by a sentence encoder, beside the MLP's fingerprints; List A compared in both.
 */
export function TextSpaceCard({ run, onChange }: { run: Run; onChange: () => void }) {
  const text = run.text;
  const c = text?.comparison;
  return (
    <Card title="Customers as text">
      {text ? (
        <div className="grid" style={{ gap: 12 }}>
          <div className="grid three">
            <Stat
              label="text encoder"
              value={<span style={{ fontSize: 15 }}>{text.model.split("/").pop()}</span>}
            />
            <Stat label="numbers per customer" value={text.dim} />
            <Stat label="customers embedded" value={count(text.rows)} />
          </div>
          <div className="small">
            <strong>As the encoder reads a customer</strong>
            {text.dictionary ? <span className="muted"> (dictionary {text.dictionary})</span> : null}:
            <div className="muted" style={{ marginTop: 4 }}>
              {text.sample}
            </div>
          </div>
          {c && (
            <p style={{ margin: 0 }} data-testid="space-comparison">
              List A (each buyer's nearest non-buyer): <strong>{count(c.mlp)}</strong> customers in the MLP
              space, <strong>{count(c.text)}</strong> in the text space, <strong>{count(c.overlap)}</strong>{" "}
              in both (Jaccard {fixed(c.jaccard)}). Search either space on the Lookalike and Tipping tabs.
            </p>
          )}
        </div>
      ) : (
        <p className="muted" style={{ marginTop: 0 }}>
          Not embedded as text yet. Each customer can be written out as “description: value” pairs and
          embedded by a sentence-transformer, a second space beside the MLP fingerprints for lookalike search,
          List A and the map.
        </p>
      )}
      <RequireRole role="analyst">
        <details open={!text}>
          <summary className="small" style={{ cursor: "pointer", marginBottom: 8 }}>
            {text ? "Embed again" : "Embed the customers as text"}
          </summary>
          <EmbedTextForm runId={run.id} onDone={onChange} />
        </details>
      </RequireRole>
    </Card>
  );
}
