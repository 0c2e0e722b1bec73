"use client";

import type { TippingCompareQuery } from "../graphql/generated";
import { count, fixed, percent } from "../lib/format";
import type { TippingReport } from "./tipping-candidates";
import { Stat } from "./ui";

type Comparison = NonNullable<TippingCompareQuery["compareTipping"]["comparison"]>;

/** A list's outcome: how many tipped, how big the change, from how low a probability. */
export function ReportSummary({ report }: { report: TippingReport }) {
  const s = report.summary;
  if (report.list === "potential") {
    // Already over the threshold: nothing to tip, so only the list's size says anything.
    return (
      <p className="small muted" style={{ margin: 0 }}>
        Top {count(s.candidates)} of {count(report.listSize)} customers at or over the threshold{" "}
        {fixed(report.threshold, 2)}.
      </p>
    );
  }
  return (
    <div className="grid" style={{ gap: 10 }}>
      <div className="grid three">
        <Stat label={`tipped (${s.tipped} of ${s.searched})`} value={percent(s.tippedShare, 0)} />
        <Stat label="median change" value={fixed(s.medianChange, 2)} />
        <Stat label="median original probability" value={fixed(s.medianProbability)} />
      </div>
      <p className="small muted" style={{ margin: 0 }}>
        Top {count(s.candidates)} of {count(report.listSize)} on the list · threshold{" "}
        {fixed(report.threshold, 2)}
        {s.medianNormalizedChange !== null &&
          ` · median change ${percent(s.medianNormalizedChange, 0)} of the range`}
      </p>
      {s.byFeature.length > 0 && (
        <table className="small">
          <thead>
            <tr>
              <th>Tipping feature</th>
              <th className="num">Candidates</th>
              <th className="num">Tipped</th>
              <th className="num">Median change</th>
            </tr>
          </thead>
          <tbody>
            {s.byFeature.map((f) => (
              <tr key={f.feature}>
                <td>{f.feature}</td>
                <td className="num">{f.candidates}</td>
                <td className="num">{f.tipped}</td>
                <td className="num">{fixed(f.medianChange, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** List A against List B in one table, and who is on both. */
export function ComparisonOverview({ comparison }: { comparison: Comparison }) {
  const rows = [
    {
      label: "Share tipped",
      a: percent(comparison.tippedShare.similarity, 0),
      b: percent(comparison.tippedShare.probability, 0),
    },
    {
      label: "Median change",
      a: fixed(comparison.medianChange.similarity, 2),
      b: fixed(comparison.medianChange.probability, 2),
    },
    {
      label: "Median original probability",
      a: fixed(comparison.medianProbability.similarity),
      b: fixed(comparison.medianProbability.probability),
    },
  ];
  return (
    <div className="grid two" style={{ alignItems: "start" }}>
      <table aria-label="List A against List B">
        <thead>
          <tr>
            <th />
            <th className="num">List A (similarity)</th>
            <th className="num">List B (probability)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <td>{r.label}</td>
              <td className="num">{r.a}</td>
              <td className="num">{r.b}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid" style={{ gap: 8 }}>
        <div className="grid two">
          <Stat label="customers on both lists" value={comparison.overlap} />
          <Stat label="Jaccard overlap" value={fixed(comparison.jaccard, 2)} />
        </div>
        <p className="small muted" style={{ margin: 0 }}>
          {comparison.overlap === 0
            ? "No customer is on both lists: List A finds prospects the probability ranking would never surface."
            : `On both lists: ${comparison.shared.join(", ")}.`}
        </p>
      </div>
    </div>
  );
}
