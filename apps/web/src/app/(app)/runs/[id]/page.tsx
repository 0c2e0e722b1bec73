"use client";

import { useParams, useRouter } from "next/navigation";
import { useCallback } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { JobProgress } from "../../../../components/job-progress";
import { TextSpaceCard } from "../../../../components/text-space-card";
import { Card, Empty, ErrorNote, Loading } from "../../../../components/ui";
import { ActivateRunDocument, RunDocument, type RunQuery } from "../../../../graphql/generated";
import { count, fixed } from "../../../../lib/format";
import { useAction, useQuery } from "../../../../lib/hooks";
import { RequireRole } from "../../../../lib/session";

type Run = NonNullable<RunQuery["run"]>;

const SPLIT_COLORS: Record<string, string> = {
  train: "#2f5fd0",
  val: "#7d9be8",
  oot1: "#d9822b",
  oot2: "#c0392b",
  test: "#1f8a4c",
};

/** AUC and KS per split, with the "Train ≈ OOT" check: a large gap means the model will not travel. */
function MetricsTable({ run }: { run: Run }) {
  const train = run.metrics.find((m) => m.split === "train")?.auc ?? null;
  return (
    <table>
      <thead>
        <tr>
          <th>Split</th>
          <th className="num">Customers</th>
          <th className="num">Converted</th>
          <th className="num">AUC</th>
          <th className="num">KS</th>
          <th className="num">AUC vs train</th>
        </tr>
      </thead>
      <tbody>
        {run.metrics.map((m) => {
          const gap = train !== null && m.auc !== null ? m.auc - train : null;
          return (
            <tr key={m.split}>
              <td>
                <span style={{ color: SPLIT_COLORS[m.split] }}>●</span> {m.split}
              </td>
              <td className="num">{count(m.n)}</td>
              <td className="num">{count(m.positives)}</td>
              <td className="num">{fixed(m.auc)}</td>
              <td className="num">{fixed(m.ks)}</td>
              <td className="num">
                {m.split === "train" || gap === null ? (
                  "–"
                ) : (
                  <span className={`badge ${gap < -0.1 ? "bad" : gap < -0.03 ? "warn" : "good"}`}>
                    {fixed(gap)}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** ROC curves and the KS view (TPR and FPR against the share of customers targeted). */
function Curves({ run }: { run: Run }) {
  const roc = run.roc.map((curve) => ({
    split: curve.split,
    points: curve.points.map((p) => ({ fpr: p.fpr, tpr: p.tpr, gap: p.tpr - p.fpr })),
  }));
  return (
    <div className="grid two">
      <div>
        <h3>ROC</h3>
        <div style={{ height: 280 }}>
          <ResponsiveContainer>
            <LineChart margin={{ top: 5, right: 10, bottom: 20, left: 0 }}>
              <CartesianGrid stroke="#eef0f4" />
              <XAxis
                type="number"
                dataKey="fpr"
                domain={[0, 1]}
                tickCount={6}
                label={{ value: "false-positive rate", position: "insideBottom", offset: -10 }}
              />
              <YAxis type="number" dataKey="tpr" domain={[0, 1]} tickCount={6} />
              <Tooltip formatter={(v) => fixed(Number(v))} />
              <Legend verticalAlign="top" />
              {roc.map((c) => (
                <Line
                  key={c.split}
                  data={c.points}
                  dataKey="tpr"
                  name={c.split}
                  stroke={SPLIT_COLORS[c.split]}
                  dot={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </div>
      <div>
        <h3>KS: TPR − FPR along the ranking</h3>
        <div style={{ height: 280 }}>
          <ResponsiveContainer>
            <LineChart margin={{ top: 5, right: 10, bottom: 20, left: 0 }}>
              <CartesianGrid stroke="#eef0f4" />
              <XAxis
                type="number"
                dataKey="fpr"
                domain={[0, 1]}
                tickCount={6}
                label={{ value: "false-positive rate", position: "insideBottom", offset: -10 }}
              />
              <YAxis type="number" dataKey="gap" domain={[0, 1]} tickCount={6} />
              <Tooltip formatter={(v) => fixed(Number(v))} />
              <Legend verticalAlign="top" />
              {roc.map((c) => (
                <Line
                  key={c.split}
                  data={c.points}
                  dataKey="gap"
                  name={c.split}
                  stroke={SPLIT_COLORS[c.split]}
                  dot={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </div>
    </div>
  );
}

function History({ run }: { run: Run }) {
  if (run.history.length === 0) return <Empty title="No epochs yet" />;
  return (
    <div style={{ height: 240 }}>
      <ResponsiveContainer>
        <LineChart data={run.history} margin={{ top: 5, right: 10, bottom: 20, left: 0 }}>
          <CartesianGrid stroke="#eef0f4" />
          <XAxis dataKey="epoch" label={{ value: "epoch", position: "insideBottom", offset: -10 }} />
          <YAxis yAxisId="loss" />
          <YAxis yAxisId="auc" orientation="right" domain={[0.5, 1]} />
          <Tooltip formatter={(v) => fixed(Number(v))} />
          <Legend verticalAlign="top" />
          <Line
            yAxisId="loss"
            dataKey="loss"
            name="training loss"
            stroke="#7d9be8"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            yAxisId="loss"
            dataKey="valLoss"
            name="validation loss"
            stroke="#2f5fd0"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            yAxisId="auc"
            dataKey="valAuc"
            name="validation AUC"
            stroke="#d9822b"
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export default function RunPage() {
  const { id } = useParams<{ id: string }>();
  const { data, loading, error, refetch } = useQuery(RunDocument, { id });
  const activate = useAction(ActivateRunDocument);
  const onDone = useCallback(() => void refetch(), [refetch]);
  const router = useRouter();
  // A retried training job trains a new run: open it when it is done.
  const onRetryDone = useCallback(
    (status: string, job: { run?: { id: string } | null }) => {
      if (status === "succeeded" && job.run && job.run.id !== id) router.push(`/runs/${job.run.id}`);
      else void refetch();
    },
    [id, router, refetch],
  );
  const run = data?.run;
  if (loading && !data) return <Loading />;
  if (!run) return <ErrorNote error={error ?? { message: `no run "${id}"` }} />;
  const job = run.job;
  const running = run.status === "running" || run.status === "queued";
  return (
    <>
      {running && job && (
        <Card title="Training">
          <JobProgress jobId={job.id} onDone={onDone} />
        </Card>
      )}
      {(run.status === "failed" || run.status === "cancelled") && job ? (
        <Card title="Training">
          <JobProgress jobId={job.id} onDone={onRetryDone} />
        </Card>
      ) : (
        run.error && <ErrorNote error={run.error} />
      )}
      {run.status === "succeeded" && (
        <>
          <Card
            title="Quality per split"
            actions={
              !run.active && (
                <RequireRole role="analyst">
                  <button
                    type="button"
                    className="secondary"
                    disabled={activate.pending}
                    onClick={async () => {
                      await activate.run({ id: run.id });
                      await refetch();
                    }}
                  >
                    Make active
                  </button>
                </RequireRole>
              )
            }
          >
            <MetricsTable run={run} />
            <p className="small muted">
              {run.featureCount} input features → {run.embeddingDim}-number fingerprint per customer.
              Out-of-time AUC well below train AUC means the model learned the period, not the customer.
            </p>
          </Card>
          {run.roc.length > 0 && (
            <Card title="ROC and KS curves">
              <Curves run={run} />
            </Card>
          )}
        </>
      )}
      {run.status === "succeeded" && <TextSpaceCard run={run} onChange={onDone} />}
      <Card title="Training history">
        <History run={run} />
      </Card>
    </>
  );
}
