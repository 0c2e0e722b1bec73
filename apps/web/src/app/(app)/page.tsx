"use client";

import Link from "next/link";
import { Card, Empty, Loading, PageHead, StatusBadge } from "../../components/ui";
import { JobsDocument, RunsDocument } from "../../graphql/generated";
import { fixed, when } from "../../lib/format";
import { useQuery } from "../../lib/hooks";
import { RequireRole } from "../../lib/session";

export default function OverviewPage() {
  const runs = useQuery(RunsDocument, {}, { pollMs: 5000 });
  const jobs = useQuery(JobsDocument, {}, { pollMs: 3000 });
  const active = runs.data?.runs.items.filter((r) => r.active) ?? [];
  const running = jobs.data?.jobs.items.filter((j) => j.status === "running" || j.status === "queued") ?? [];
  return (
    <>
      <PageHead title="Overview" subtitle="Active runs per dataset and the work in progress." />
      {running.length > 0 && (
        <Card title="In progress">
          {running.map((job) => (
            <div key={job.id} className="row" style={{ marginBottom: 8 }}>
              <strong>{job.kind}</strong>
              <StatusBadge status={job.status} />
              <span className="muted">
                {Math.round(job.progress * 100)} % · {job.stage}
              </span>
              {job.run && <Link href={`/runs/${job.run.id}`}>open run</Link>}
            </div>
          ))}
        </Card>
      )}
      <Card title="Active runs">
        {runs.loading && !runs.data ? (
          <Loading />
        ) : active.length === 0 ? (
          <Empty title="No trained run yet">
            <RequireRole role="analyst">
              <p>
                <Link href="/datasets">Import a customer table</Link> and train a run on it.
              </p>
            </RequireRole>
          </Empty>
        ) : (
          <div className="grid cards">
            {active.map((run) => {
              const oot1 = run.metrics.find((m) => m.split === "oot1");
              return (
                <Link key={run.id} href={`/runs/${run.id}`} className="card" style={{ margin: 0 }}>
                  <h3>{run.dataset.name}</h3>
                  <div className="muted small">trained {when(run.finishedAt)}</div>
                  <div style={{ marginTop: 8 }}>
                    OOT1 AUC <strong>{fixed(oot1?.auc)}</strong> · KS <strong>{fixed(oot1?.ks)}</strong>
                  </div>
                </Link>
              );
            })}
          </div>
        )}
      </Card>
    </>
  );
}
