"use client";

import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { fixed } from "../lib/format";

interface Point {
  value: string;
  probability: number;
}

interface Plotted {
  x: number | string;
  label: string;
  probability: number;
}

/** Numbers plot on a numeric axis (spacing matters); levels and categories one slot each. */
function plot(points: Point[]): { numeric: boolean; data: Plotted[] } {
  const numeric =
    points.length > 0 && points.every((p) => p.value.trim() !== "" && Number.isFinite(Number(p.value)));
  const data = points.map((p) => ({
    x: numeric ? Number(p.value) : p.value,
    label: p.value,
    probability: p.probability,
  }));
  if (numeric) data.sort((a, b) => (a.x as number) - (b.x as number));
  return { numeric, data };
}

/** The plotted point of a raw value ("3.40" is the point 3.4), if the curve has it. */
function find(data: Plotted[], numeric: boolean, value: string | null): Plotted | null {
  if (value === null) return null;
  return (
    data.find((d) => d.label === value) ??
    (numeric ? (data.find((d) => Math.abs((d.x as number) - Number(value)) < 1e-9) ?? null) : null)
  );
}

/**
 * The what-if curve: the customer's probability as one feature moves over its permitted values,
 * with the threshold to reach, the current value and the tipping value marked.
 */
export function WhatIfCurve({
  feature,
  points,
  threshold,
  current,
  tipping,
}: {
  feature: string;
  points: Point[];
  threshold: number;
  current: string | null;
  tipping: string | null;
}) {
  const { numeric, data } = plot(points);
  const now = find(data, numeric, current);
  const tip = find(data, numeric, tipping);
  return (
    <figure style={{ margin: 0 }} aria-label={`Probability against ${feature}`}>
      <div style={{ height: 300 }}>
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 20, right: 20, bottom: 20, left: 0 }}>
            <CartesianGrid stroke="#eef0f4" />
            <XAxis
              dataKey="x"
              type={numeric ? "number" : "category"}
              domain={numeric ? ["dataMin", "dataMax"] : undefined}
              // Few values (levels, counts): tick each one rather than at fractions between them.
              ticks={numeric && data.length <= 12 ? data.map((d) => d.x) : undefined}
              padding={{ left: 12, right: 12 }}
              label={{ value: feature, position: "insideBottom", offset: -12 }}
            />
            <YAxis type="number" domain={[0, 1]} tickCount={6} />
            <Tooltip
              formatter={(v) => [fixed(Number(v)), "probability"]}
              labelFormatter={(_, payload) => `${feature} = ${String(payload?.[0]?.payload?.label ?? "")}`}
            />
            <ReferenceLine
              y={threshold}
              stroke="#c0392b"
              strokeDasharray="4 3"
              label={{ value: `threshold ${fixed(threshold, 2)}`, position: "insideTopLeft", fontSize: 11 }}
            />
            {now && (
              <ReferenceLine
                x={now.x}
                stroke="#5d6b7e"
                strokeDasharray="2 3"
                label={{ value: "now", position: "insideTopRight", fontSize: 11 }}
              />
            )}
            <Line
              dataKey="probability"
              stroke="#2f5fd0"
              dot={!numeric || data.length <= 30}
              isAnimationActive={false}
            />
            {now && <ReferenceDot x={now.x} y={now.probability} r={6} fill="#5d6b7e" stroke="#fff" />}
            {tip && <ReferenceDot x={tip.x} y={tip.probability} r={6} fill="#1f8a4c" stroke="#fff" />}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="small muted">
        <span style={{ color: "#5d6b7e" }}>●</span> now{current !== null && ` (${current})`}
        {tipping !== null && (
          <>
            {" "}
            · <span style={{ color: "#1f8a4c" }}>●</span> tipping value ({tipping})
          </>
        )}{" "}
        · dashed red: the threshold
      </figcaption>
    </figure>
  );
}
