"use client";

import Link from "next/link";
import { useState } from "react";
import { Card, Empty, ErrorNote, Loading, PageHead, StatusBadge } from "../../../components/ui";
import { CompareRunsDocument, RunsDocument } from "../../../graphql/generated";
import { fixed, when } from "../../../lib/format";
import { useQuery } from "../../../lib/hooks";

/** Every run with its out-of-time quality; tick runs to compare them side by side. */
export default function RunsPage() {
  const { data, loading, error } = useQuery(RunsDocument, {}, { pollMs: 4000 });
  const [picked, setPicked] = useState<string[]>([]);
  const compare = useQuery(CompareRunsDocument, { ids: picked }, { skip: picked.length < 2 });
  const runs = data?.runs.items ?? [];
  return (
    <>
      <PageHead title="Runs" subtitle="Trained models: AUC and KS on the training and out-of-time splits." />
      <Card title="All runs">
        <ErrorNote error={error} />
        {loading && !data ? (
          <Loading />
        ) : runs.length === 0 ? (
          <Empty title="No run yet">
            <Link href="/datasets">Open a dataset</Link> to train one.
          </Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th />
                <th>Run</th>
                <th>Dataset</th>
                <th>Status</th>
                <th>Started</th>
                <th className="num">Train AUC</th>
                <th className="num">OOT1 AUC</th>
                <th className="num">OOT2 AUC</th>
                <th className="num">OOT1 KS</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => {
                const m = (split: string) => run.metrics.find((x) => x.split === split);
                return (
                  <tr key={run.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`compare ${run.id}`}
                        checked={picked.includes(run.id)}
                        onChange={(e) =>
                          setPicked(
                            e.target.checked ? [...picked, run.id] : picked.filter((id) => id !== run.id),
                          )
                        }
                      />
                    </td>
                    <td>
                      <Link href={`/runs/${run.id}`}>{run.id.slice(-8)}</Link>
                      {run.active && (
                        <span className="badge good" style={{ marginLeft: 6 }}>
                          active
                        </span>
                      )}
                    </td>
                    <td>{run.dataset.name}</td>
                    <td>
                      <StatusBadge status={run.status} />
                      {run.status === "running" && (
                        <span className="small muted"> {Math.round(run.progress * 100)} %</span>
                      )}
                    </td>
                    <td>{when(run.createdAt)}</td>
                    <td className="num">{fixed(m("train")?.auc)}</td>
                    <td className="num">{fixed(m("oot1")?.auc ?? m("test")?.auc)}</td>
                    <td className="num">{fixed(m("oot2")?.auc)}</td>
                    <td className="num">{fixed(m("oot1")?.ks ?? m("test")?.ks)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
      {picked.length >= 2 && compare.data && (
        <Card title="Comparison">
          <table>
            <thead>
              <tr>
                <th>Split</th>
                <th>Measure</th>
                {compare.data.compareRuns.runs.map((r) => (
                  <th key={r.id} className="num">
                    {r.id.slice(-8)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {compare.data.compareRuns.rows.map((row) => (
                <tr key={`${row.split}-${row.measure}`}>
                  <td>{row.split}</td>
                  <td>{row.measure.toUpperCase()}</td>
                  {row.values.map((v, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns follow the compared runs
                    <td key={i} className="num" style={{ fontWeight: row.best === i ? 700 : 400 }}>
                      {fixed(v)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}
