"use client";

import { useParams } from "next/navigation";
import { useCallback, useState } from "react";
import { DriftHistory } from "../../../../../components/drift-history";
import {
  DimensionPsiChart,
  FeaturePsiChart,
  RETRAIN,
  WATCH,
} from "../../../../../components/drift-psi-chart";
import { DriftReportSelect, reportName } from "../../../../../components/drift-report-select";
import { ScoreBatchPanel } from "../../../../../components/drift-score-batch";
import { SegmentsOverTime } from "../../../../../components/segments-over-time";
import { Card, Empty, ErrorNote, Loading, Stat, StatusBadge } from "../../../../../components/ui";
import {
  DriftReportDetailDocument,
  type DriftReportDetailQuery,
  DriftReportListDocument,
} from "../../../../../graphql/generated";
import { count, fixed, when } from "../../../../../lib/format";
import { useQuery } from "../../../../../lib/hooks";
import { RequireRole, useSession } from "../../../../../lib/session";

type Report = NonNullable<DriftReportDetailQuery["driftReport"]>;

/** The headline of one report: how far it moved, and what to do about it. */
function ReportHeadline({ report }: { report: Report }) {
  const retrain = report.dims.filter((d) => d.psi >= RETRAIN).length;
  const watch = report.dims.filter((d) => d.psi >= WATCH && d.psi < RETRAIN).length;
  return (
    <div className="grid" style={{ gap: 10 }}>
      <div className="row" style={{ gap: 32 }}>
        <Stat label="max PSI" value={fixed(report.maxPsi)} />
        <Stat label="status" value={<StatusBadge status={report.status} />} />
        <Stat label="centroid distance" value={fixed(report.centroidDistance)} />
        <Stat
          label={`dimensions in watch / retrain (of ${report.dims.length})`}
          value={`${watch} / ${retrain}`}
        />
        <Stat
          label="customers: training / compared"
          value={`${count(report.baselineRows)} / ${count(report.currentRows)}`}
        />
      </div>
      <p className="small muted" style={{ margin: 0 }}>
        {reportName(report)}, {when(report.createdAt)}. PSI compares each distribution over 10 quantile bins
        frozen from the training rows: stable under {fixed(WATCH, 2)}, watch under {fixed(RETRAIN, 2)},
        retrain above.
        {report.status === "retrain"
          ? " The customers have moved away from what the model learned: retrain on recent rows."
          : report.status === "watch"
            ? " Some movement: compare the next batch before acting."
            : " The compared customers look like the training rows."}
      </p>
    </div>
  );
}

/** The selected report's charts. */
function ReportDetail({ id }: { id: string }) {
  const { data, loading, error } = useQuery(DriftReportDetailDocument, { id });
  const report = data?.driftReport;
  if (loading && !data) return <Loading />;
  if (!report) return <ErrorNote error={error ?? { message: `no drift report "${id}"` }} />;
  return (
    <>
      <Card>
        <ReportHeadline report={report} />
      </Card>
      <Card title="PSI per embedding dimension">
        <DimensionPsiChart dims={report.dims} />
      </Card>
      <Card title="PSI per input feature">
        {report.features.length > 0 ? (
          <FeaturePsiChart features={report.features} />
        ) : (
          <Empty title="No feature PSI in this report" />
        )}
      </Card>
    </>
  );
}

export default function DriftPage() {
  const { id } = useParams<{ id: string }>();
  const session = useSession();
  const { data, loading, error, refetch } = useQuery(DriftReportListDocument, { id });
  const [selected, setSelected] = useState<string | null>(null);
  const onScored = useCallback(
    async (reportId: string | null) => {
      await refetch();
      setSelected(reportId);
    },
    [refetch],
  );
  const run = data?.run;
  if (loading && !data) return <Loading />;
  if (!run) return <ErrorNote error={error ?? { message: `no run "${id}"` }} />;
  const reports = [...run.driftReports.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  // The chosen report, else the newest (also when a new one has just been scored).
  const current = reports.find((r) => r.id === selected)?.id ?? reports[0]?.id ?? null;
  const analyst = session?.can("analyst") ?? false;
  return (
    <>
      {current === null ? (
        <Card>
          <Empty title="No drift report yet">
            {analyst
              ? "Analyze the run (its out-of-time window is compared with the training rows), or score a new batch below."
              : "An analyst analyzes the run, or scores a new batch, to measure how far customers moved."}
          </Empty>
        </Card>
      ) : (
        <>
          <Card>
            <div className="row" style={{ alignItems: "flex-end" }}>
              <DriftReportSelect reports={reports} value={current} onChange={setSelected} />
              <span className="spacer" />
              <span className="small muted">
                {reports.length} report{reports.length === 1 ? "" : "s"}: the analysis's out-of-time window
                and each scored batch
              </span>
            </div>
          </Card>
          <ReportDetail key={current} id={current} />
          {reports.length > 1 && (
            <Card title="Max PSI over batches">
              <DriftHistory reports={reports} selectedId={current} />
            </Card>
          )}
        </>
      )}
      {/* Each scored batch also refreshes the personas (mini-batch k-means): who moved where. */}
      <SegmentsOverTime
        key={reports.length}
        datasetId={run.dataset.id}
        kind={`personas:${run.id}`}
        title="Personas over scored batches"
      />
      {run.status === "succeeded" && (
        <RequireRole role="analyst">
          <ScoreBatchPanel runId={run.id} onScored={(reportId) => void onScored(reportId)} />
        </RequireRole>
      )}
    </>
  );
}
