"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { type FormEvent, useCallback, useState } from "react";
import { JobProgress } from "../../../../components/job-progress";
import { SchemaEditor } from "../../../../components/schema-editor";
import { SegmentsOverTime } from "../../../../components/segments-over-time";
import { Card, Empty, ErrorNote, Loading, PageHead, StatusBadge } from "../../../../components/ui";
import { DatasetDocument, type DatasetQuery, StartRunDocument } from "../../../../graphql/generated";
import { count, fixed, when } from "../../../../lib/format";
import { useAction, useQuery } from "../../../../lib/hooks";
import { RequireRole } from "../../../../lib/session";

type Dataset = NonNullable<DatasetQuery["dataset"]>;

/** Start a run: split, features, architecture, epochs. Progress follows below once it starts. */
function StartRun({ dataset, onChange }: { dataset: Dataset; onChange: () => void }) {
  const start = useAction(StartRunDocument);
  const [jobId, setJobId] = useState<string | null>(null);
  const [trained, setTrained] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<{ message: string; field?: string | null } | null>(null);
  const features = dataset.columns.filter((c) => c.role === "feature");
  const [dropped, setDropped] = useState<Set<string>>(new Set());
  const running = jobId !== null && trained === null;
  const onDone = useCallback(
    (status: string, job: { run: { id: string } | null }) => {
      if (status === "succeeded" && job.run) setTrained(job.run.id);
      onChange();
    },
    [onChange],
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const units = String(form.get("hidden"))
      .split(",")
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
    const result = await start.run({
      datasetId: dataset.id,
      config: {
        split: { method: String(form.get("split")) },
        model: {
          maxEpochs: Number(form.get("epochs")),
          hiddenUnits: units,
          embeddingDim: Number(form.get("embedding")),
        },
        seed: Number(form.get("seed")),
        drop: [...dropped],
        activate: form.get("activate") === "on",
      },
    });
    if (result?.startRun.ok && result.startRun.job) {
      setJobId(result.startRun.job.id);
      setTrained(null);
      setFieldError(null);
      onChange();
    } else setFieldError(result?.startRun.error ?? start.error);
  }

  return (
    <Card title="Train a run">
      <form onSubmit={submit} className="grid">
        <div className="row">
          <label className="field">
            Split
            <select name="split" defaultValue="oot">
              <option value="oot">Train + 2 out-of-time windows</option>
              <option value="random">Random (train / validation / test)</option>
            </select>
          </label>
          <label className="field">
            Epochs (at most)
            <input name="epochs" type="number" defaultValue={30} min={1} max={500} style={{ width: 90 }} />
          </label>
          <label className="field">
            Hidden layers
            <input name="hidden" defaultValue="128, 64" style={{ width: 110 }} />
          </label>
          <label className="field">
            Embedding size
            <input name="embedding" type="number" defaultValue={32} min={2} max={256} style={{ width: 90 }} />
          </label>
          <label className="field">
            Seed
            <input name="seed" type="number" defaultValue={42} min={0} style={{ width: 80 }} />
          </label>
          <label className="row small" style={{ marginTop: 16 }}>
            <input type="checkbox" name="activate" defaultChecked={!dataset.activeRun} /> make it the active
            run
          </label>
        </div>
        <div>
          <div className="small muted" style={{ marginBottom: 4 }}>
            Features ({features.length - dropped.size} of {features.length};{" "}
            {dataset.target ? `target ${dataset.target.column}` : "no target: autoencoder"})
          </div>
          <div className="row small">
            {features.map((c) => (
              <label key={c.name} className="row" style={{ gap: 4 }}>
                <input
                  type="checkbox"
                  checked={!dropped.has(c.name)}
                  onChange={(e) => {
                    const next = new Set(dropped);
                    if (e.target.checked) next.delete(c.name);
                    else next.add(c.name);
                    setDropped(next);
                  }}
                />
                {c.name}
              </label>
            ))}
          </div>
        </div>
        <ErrorNote error={fieldError} />
        <div className="row">
          <button type="submit" disabled={start.pending || running}>
            Start training
          </button>
          {trained && <Link href={`/runs/${trained}`}>Open the trained run →</Link>}
        </div>
      </form>
      {jobId && (
        <div style={{ marginTop: 12 }}>
          <JobProgress jobId={jobId} onDone={onDone} />
        </div>
      )}
    </Card>
  );
}

export default function DatasetPage() {
  const { id } = useParams<{ id: string }>();
  const { data, loading, error, refetch } = useQuery(DatasetDocument, { id });
  const refresh = useCallback(() => void refetch(), [refetch]);
  const dataset = data?.dataset;
  if (loading && !data) return <Loading />;
  if (!dataset) return <ErrorNote error={error ?? { message: `no dataset "${id}"` }} />;
  return (
    <>
      <PageHead
        title={dataset.name}
        subtitle={`${count(dataset.rowCount)} customers · ${dataset.columnCount} columns · imported ${when(dataset.createdAt)} from ${dataset.source}`}
      />
      <RequireRole role="analyst">
        <StartRun dataset={dataset} onChange={refresh} />
      </RequireRole>
      <Card title="Runs">
        {dataset.runs.items.length === 0 ? (
          <Empty title="No run yet">An analyst trains one above.</Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Run</th>
                <th>Status</th>
                <th>Started</th>
                <th className="num">OOT1 AUC</th>
                <th className="num">OOT1 KS</th>
              </tr>
            </thead>
            <tbody>
              {dataset.runs.items.map((run) => {
                const oot1 = run.metrics.find((m) => m.split === "oot1" || m.split === "test");
                return (
                  <tr key={run.id}>
                    <td>
                      <Link href={`/runs/${run.id}`}>{run.id.slice(-8)}</Link>
                      {dataset.activeRun?.id === run.id && (
                        <span className="badge good" style={{ marginLeft: 6 }}>
                          active
                        </span>
                      )}
                    </td>
                    <td>
                      <StatusBadge status={run.status} />
                    </td>
                    <td>{when(run.createdAt)}</td>
                    <td className="num">{fixed(oot1?.auc)}</td>
                    <td className="num">{fixed(oot1?.ks)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
      <SegmentsOverTime datasetId={dataset.id} />
      <Card title="Schema and column statistics">
        <SchemaEditor columns={dataset.columns} edits={{}} readOnly />
      </Card>
    </>
  );
}
