"use client";

import { count, fixed, percent } from "../lib/format";
import { useSession } from "../lib/session";
import type { QualityAnalysis } from "./quality-charts";

/** Good above the embedding threshold, weak between 0 and it, bad below 0 (points nearer other clusters). */
function silhouetteTone(value: number, threshold: number): string {
  return value > threshold ? "good" : value > 0 ? "warn" : "bad";
}

/**
 * Every K of the sweep: inertia, silhouette, Davies–Bouldin (lower = better separated) and the
 * smallest and largest cluster, with "Choose" for analysts (the personas tab then shows that K).
 */
export function SweepTable({
  analysis,
  choosing,
  onChoose,
}: {
  analysis: QualityAnalysis;
  /** The K being built right now, if any (its button shows it, every button waits). */
  choosing: number | null;
  onChoose: (k: number) => void;
}) {
  // Same rule as RequireRole: viewers never see the Choose column.
  const analyst = !!useSession()?.can("analyst");
  const bestDb = Math.min(...analysis.sweep.map((p) => p.daviesBouldin));
  return (
    <table>
      <thead>
        <tr>
          <th className="num">K</th>
          <th />
          <th className="num">Inertia</th>
          <th className="num">Silhouette</th>
          <th className="num">Davies–Bouldin</th>
          <th className="num">Smallest cluster</th>
          <th className="num">Largest cluster</th>
          {analyst && <th />}
        </tr>
      </thead>
      <tbody>
        {analysis.sweep.map((p) => {
          const total = p.sizes.reduce((a, b) => a + b, 0);
          const chosen = p.k === analysis.chosenK;
          return (
            <tr key={p.k} style={chosen ? { background: "var(--accent-soft)" } : undefined}>
              <td className="num">
                <strong>{p.k}</strong>
              </td>
              <td>
                {chosen && <span className="badge">chosen</span>}{" "}
                {p.k === analysis.recommendedK && <span className="badge good">recommended</span>}{" "}
                {p.k === analysis.elbowK && <span className="badge warn">elbow</span>}
              </td>
              <td className="num">{count(Math.round(p.inertia))}</td>
              <td className="num">
                <span className={`badge ${silhouetteTone(p.silhouette, analysis.thresholds.silhouette)}`}>
                  {fixed(p.silhouette)}
                </span>
                {!p.silhouetteExact && (
                  <span className="small muted" title="estimated on a stratified subset">
                    {" "}
                    est.
                  </span>
                )}
              </td>
              <td className="num">
                {p.daviesBouldin === bestDb ? (
                  <strong>{fixed(p.daviesBouldin)}</strong>
                ) : (
                  fixed(p.daviesBouldin)
                )}
              </td>
              <td className="num">{total > 0 ? percent(Math.min(...p.sizes) / total) : "–"}</td>
              <td className="num">{total > 0 ? percent(Math.max(...p.sizes) / total) : "–"}</td>
              {analyst && (
                <td className="num">
                  {!chosen && (
                    <button
                      type="button"
                      className="secondary"
                      disabled={choosing !== null}
                      onClick={() => onChoose(p.k)}
                    >
                      {choosing === p.k ? "Building personas…" : `Choose K = ${p.k}`}
                    </button>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
