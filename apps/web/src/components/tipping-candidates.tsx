"use client";

import type { TippingReportFieldsFragment } from "../graphql/generated";
import { fixed } from "../lib/format";
import { Empty } from "./ui";

export type TippingReport = TippingReportFieldsFragment;
export type TippingCandidate = TippingReport["candidates"][number];

// Two lists sit side by side at 1280 px: tight cells that do not wrap (headers and feature names may).
const CELL = { padding: "6px 4px", whiteSpace: "nowrap" } as const;
const WRAP = { padding: "6px 4px" } as const;

const STATUS_TONE: Record<string, string> = { tipped: "good", "bound-reached": "warn" };

/** tipped (a permitted change reaches the threshold), bound-reached (none does), above-threshold. */
export function TippingStatus({ status }: { status: string }) {
  return <span className={`badge ${STATUS_TONE[status] ?? ""}`}>{status}</span>;
}

/** The feature(s) a candidate's tipping changes: one, or two when a pair tipped it. */
export function changedFeatures(c: TippingCandidate): string {
  return c.changes.length > 0 ? c.changes.map((ch) => ch.feature).join(" + ") : (c.tippingFeature ?? "–");
}

/** "from → to" of the tipping change; for a customer nothing tips, the best value tried instead. */
function Move({ c }: { c: TippingCandidate }) {
  if (c.changes.length > 0) {
    return (
      <>
        {c.changes.map((ch, i) => (
          <span key={ch.feature} style={{ whiteSpace: "nowrap" }}>
            {i > 0 && " + "}
            {ch.originalValue} → <strong>{ch.tippingValue}</strong>
          </span>
        ))}
      </>
    );
  }
  if (c.bestValue !== null && c.originalValue !== null) {
    return (
      <span className="muted" title="No permitted value reaches the threshold: the best one tried">
        {c.originalValue} → {c.bestValue}
      </span>
    );
  }
  return <span className="muted">–</span>;
}

/** A list's candidates; choosing a customer opens its what-if panel. */
export function CandidateTable({
  report,
  selected,
  onSelect,
}: {
  report: TippingReport;
  selected: string | null;
  onSelect(candidate: TippingCandidate): void;
}) {
  if (report.candidates.length === 0) {
    return (
      <Empty title="No candidate on this list">
        Every customer of this list is already over the threshold, or the list is empty for this run.
      </Empty>
    );
  }
  // The potential list is already over the threshold: it has nothing to tip.
  const tipping = report.list !== "potential";
  return (
    <div style={{ overflowX: "auto" }}>
      <table className="small" style={tipping ? undefined : { width: "auto", minWidth: 400 }}>
        <thead>
          <tr>
            <th className="num" style={WRAP}>
              #
            </th>
            <th style={WRAP}>Customer</th>
            <th className="num" style={WRAP}>
              Prob.
            </th>
            {tipping && (
              <>
                <th style={WRAP}>Tipping feature</th>
                <th style={WRAP}>From → to</th>
                <th className="num" style={WRAP}>
                  New prob.
                </th>
              </>
            )}
            <th style={WRAP}>Status</th>
          </tr>
        </thead>
        <tbody>
          {report.candidates.map((c) => {
            const isSelected = c.customerId === selected;
            return (
              <tr
                key={c.customerId}
                aria-selected={isSelected}
                style={isSelected ? { background: "var(--accent-soft)" } : undefined}
              >
                <td className="num muted" style={CELL}>
                  {c.rank}
                </td>
                <td style={CELL}>
                  <button
                    type="button"
                    title="Open the what-if panel for this customer"
                    onClick={() => onSelect(c)}
                    style={{
                      background: "none",
                      border: "none",
                      padding: 0,
                      color: "var(--accent)",
                      textDecoration: "underline",
                    }}
                  >
                    {c.customerId}
                  </button>
                </td>
                <td className="num" style={CELL}>
                  {fixed(c.probability)}
                </td>
                {tipping && (
                  <>
                    <td style={WRAP}>{changedFeatures(c)}</td>
                    <td style={CELL}>
                      <Move c={c} />
                    </td>
                    <td className="num" style={CELL}>
                      {c.tipped ? (
                        <strong>{fixed(c.newProbability)}</strong>
                      ) : (
                        <span className="muted">{fixed(c.newProbability)}</span>
                      )}
                    </td>
                  </>
                )}
                <td style={CELL}>
                  <TippingStatus status={c.status} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
