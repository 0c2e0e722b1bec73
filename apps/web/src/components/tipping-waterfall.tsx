"use client";

import {
  Bar,
  BarChart,
  type BarShapeProps,
  CartesianGrid,
  Rectangle,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { fixed } from "../lib/format";

export const RAISES = "#1f8a4c";
export const HOLDS_BACK = "#c0392b";
const ENDPOINT = "#7d9be8";
/** More rows than this are summed into one, so the chart stays readable for wide tables. */
const MAX_ROWS = 12;

interface Contribution {
  feature: string;
  value: string;
  shap: number;
}

interface Step {
  label: string;
  /** [low, high] of the bar on the probability axis. */
  range: [number, number];
  shap: number | null;
  total: number;
  fill: string;
  highlight: boolean;
}

/** Base value, then each contribution stacked from the running total, then the probability. */
function steps(baseValue: number, contributions: Contribution[], highlight: string | null): Step[] {
  const sorted = [...contributions].sort((a, b) => Math.abs(b.shap) - Math.abs(a.shap));
  const shown = sorted.length > MAX_ROWS ? sorted.slice(0, MAX_ROWS - 1) : sorted;
  const rest = sorted.slice(shown.length);
  const rows: { label: string; shap: number; feature: string | null }[] = shown.map((c) => ({
    label: `${c.feature} = ${c.value}`,
    shap: c.shap,
    feature: c.feature,
  }));
  if (rest.length > 0) {
    rows.push({
      label: `${rest.length} other features`,
      shap: rest.reduce((s, c) => s + c.shap, 0),
      feature: null,
    });
  }
  const out: Step[] = [
    {
      label: "Base value",
      range: [0, baseValue],
      shap: null,
      total: baseValue,
      fill: ENDPOINT,
      highlight: false,
    },
  ];
  let total = baseValue;
  for (const row of rows) {
    const start = total;
    total += row.shap;
    out.push({
      label: row.label,
      range: [Math.min(start, total), Math.max(start, total)],
      shap: row.shap,
      total,
      fill: row.shap >= 0 ? RAISES : HOLDS_BACK,
      highlight: row.feature !== null && row.feature === highlight,
    });
  }
  out.push({ label: "Probability", range: [0, total], shap: null, total, fill: ENDPOINT, highlight: false });
  return out;
}

/**
 * A customer's SHAP waterfall: from the base value (the model's average over the background), each
 * feature's contribution, largest first, adds up to the customer's probability. The bar of the
 * feature being explored (the tipping feature at first) is outlined; the dashed line is the threshold.
 */
export function ShapWaterfall({
  baseValue,
  contributions,
  threshold,
  highlight,
}: {
  baseValue: number;
  contributions: Contribution[];
  threshold: number;
  highlight: string | null;
}) {
  const data = steps(baseValue, contributions, highlight);
  // Round ends and ticks (0.1 apart, 0.05 on a short axis) so the scale reads at a glance.
  const high = Math.min(1, Math.max(threshold, ...data.map((d) => d.range[1])) * 1.05);
  const low = Math.min(0, ...data.map((d) => d.range[0]));
  const step = high - low <= 0.3 ? 0.05 : 0.1;
  const top = Math.ceil(high / step) * step;
  const bottom = Math.floor(low / step) * step;
  const ticks = Array.from({ length: Math.round((top - bottom) / step) + 1 }, (_, i) =>
    Number((bottom + i * step).toFixed(2)),
  );
  return (
    <figure style={{ margin: 0 }} aria-label="SHAP waterfall">
      <div style={{ height: 60 + data.length * 26 }}>
        <ResponsiveContainer>
          <BarChart data={data} layout="vertical" margin={{ top: 20, right: 20, bottom: 20, left: 10 }}>
            <CartesianGrid stroke="#eef0f4" horizontal={false} />
            <XAxis
              type="number"
              domain={[bottom, top]}
              ticks={ticks}
              tickFormatter={(v: number) => fixed(v, 2)}
              label={{ value: "probability", position: "insideBottom", offset: -12 }}
            />
            <YAxis type="category" dataKey="label" width={160} tick={{ fontSize: 12 }} interval={0} />
            <Tooltip
              formatter={(_, __, item) => {
                const step = item.payload as Step;
                return step.shap === null
                  ? [fixed(step.total), "probability"]
                  : [`${step.shap >= 0 ? "+" : ""}${fixed(step.shap)} → ${fixed(step.total)}`, "SHAP"];
              }}
            />
            <ReferenceLine
              x={threshold}
              stroke="#1b2330"
              strokeDasharray="4 3"
              label={{ value: `threshold ${fixed(threshold, 2)}`, position: "top", fontSize: 11 }}
            />
            <Bar
              dataKey="range"
              isAnimationActive={false}
              shape={(props: BarShapeProps) => {
                const step = data[props.index];
                return (
                  <Rectangle
                    {...props}
                    fill={step?.fill}
                    stroke={step?.highlight ? "#1b2330" : "none"}
                    strokeWidth={step?.highlight ? 2 : 0}
                  />
                );
              }}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="small muted">
        <span style={{ color: RAISES }}>■</span> raises the probability ·{" "}
        <span style={{ color: HOLDS_BACK }}>■</span> holds it back · outlined: the feature in the what-if
        chart
      </figcaption>
    </figure>
  );
}
