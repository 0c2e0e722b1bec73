"use client";

import { fixed, when } from "../lib/format";

interface Report {
  id: string;
  against: string;
  source: string | null;
  maxPsi: number;
  status: string;
  createdAt: string;
}

/** What was compared with the training rows: the analysis's out-of-time window, or a scored batch. */
export function reportName(report: { against: string; source: string | null }): string {
  if (report.against === "batch") return `batch ${report.source ?? ""}`.trim();
  return `${report.against.toUpperCase()} vs train (analysis)`;
}

/** Chooses among the run's drift reports, newest first. */
export function DriftReportSelect({
  reports,
  value,
  onChange,
}: {
  reports: Report[];
  value: string | null;
  onChange(id: string): void;
}) {
  return (
    <label className="field">
      Drift report
      <select value={value ?? ""} onChange={(e) => onChange(e.target.value)} style={{ minWidth: 420 }}>
        {reports.map((r) => (
          <option key={r.id} value={r.id}>
            {when(r.createdAt)} · {reportName(r)} · {r.status} (max PSI {fixed(r.maxPsi)})
          </option>
        ))}
      </select>
    </label>
  );
}
