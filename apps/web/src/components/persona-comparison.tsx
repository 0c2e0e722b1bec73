"use client";

import { useState } from "react";
import { count, fixed, percent } from "../lib/format";
import { Card, Stat } from "./ui";

interface CrossTabCell {
  a: string;
  b: string;
  count: number;
  shareOfA: number;
  shareOfB: number;
}

export interface SegmentComparison {
  table: CrossTabCell[];
  adjustedRandIndex: number;
}

/** The analysis' `businessComparison` JSON, or null when it is absent or of another shape. */
export function parseComparison(json: unknown): SegmentComparison | null {
  if (typeof json !== "object" || json === null) return null;
  const { table, adjustedRandIndex } = json as { table?: unknown; adjustedRandIndex?: unknown };
  if (!Array.isArray(table) || typeof adjustedRandIndex !== "number") return null;
  return { table: table.filter(isCell), adjustedRandIndex };
}

function isCell(c: unknown): c is CrossTabCell {
  if (typeof c !== "object" || c === null) return false;
  const r = c as Record<string, unknown>;
  return (
    typeof r.a === "string" &&
    typeof r.b === "string" &&
    typeof r.count === "number" &&
    typeof r.shareOfA === "number" &&
    typeof r.shareOfB === "number"
  );
}

type CellView = "shareOfA" | "shareOfB" | "count";

const VIEWS: Record<CellView, string> = {
  shareOfA: "share of the k-means persona (rows add up to 100 %)",
  shareOfB: "share of the rule-based persona (columns add up to 100 %)",
  count: "customers",
};

function verdict(ari: number): string {
  if (ari >= 0.65)
    return "The two segmentations largely agree: the rules describe the groups the embedding found.";
  if (ari >= 0.3)
    return "They partly agree: some rule-based personas match k-means ones, others cut across them.";
  return "They barely agree: the embedding groups customers differently from the business rules.";
}

/** First-seen order of the names (the API lists the grid a-major). */
const unique = (names: string[]) => [...new Set(names)];

/**
 * k-means personas against the business-rule personas: how each group splits over the other, and
 * the adjusted Rand index of their agreement (1 identical, about 0 unrelated).
 */
export function PersonaComparison({ comparison, k }: { comparison: SegmentComparison; k: number }) {
  const [view, setView] = useState<CellView>("shareOfA");
  const rows = unique(comparison.table.map((c) => c.a));
  const columns = unique(comparison.table.map((c) => c.b));
  const cell = new Map(comparison.table.map((c) => [`${c.a}\u0000${c.b}`, c]));
  const max = Math.max(1, ...comparison.table.map((c) => c.count));
  return (
    <Card
      title="k-means against rule-based personas"
      actions={
        <label className="row small muted" style={{ gap: 6 }}>
          Cells show
          <select value={view} onChange={(e) => setView(e.target.value as CellView)}>
            {(Object.keys(VIEWS) as CellView[]).map((v) => (
              <option key={v} value={v}>
                {VIEWS[v]}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <div className="row" style={{ alignItems: "flex-start", marginBottom: 12, gap: 24 }}>
        <Stat label="adjusted Rand index" value={fixed(comparison.adjustedRandIndex)} />
        <p style={{ margin: 0, flex: 1 }}>
          {verdict(comparison.adjustedRandIndex)}{" "}
          <span className="small muted">
            Rows are the k-means personas of K = {k} as named when the run was analyzed; columns the
            rule-based ones.
          </span>
        </p>
      </div>
      <div style={{ overflowX: "auto" }}>
        <table className="small">
          <thead>
            <tr>
              <th>k-means ↓ · rules →</th>
              {columns.map((b) => (
                <th key={b} className="num">
                  {b}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a}>
                <th scope="row" style={{ color: "var(--ink)" }}>
                  {a}
                </th>
                {columns.map((b) => {
                  const c = cell.get(`${a}\u0000${b}`);
                  const share = !c ? 0 : view === "count" ? c.count / max : c[view];
                  return (
                    <td
                      key={b}
                      className="num"
                      title={c ? `${count(c.count)} customers` : undefined}
                      // Shade by the value shown, so the eye finds where each group went.
                      style={{ background: `rgba(47, 95, 208, ${(share * 0.45).toFixed(3)})` }}
                    >
                      {!c ? "–" : view === "count" ? count(c.count) : percent(c[view], 0)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
