"use client";

import {
  Bar,
  BarChart,
  type BarShapeProps,
  CartesianGrid,
  Rectangle,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { fixed } from "../lib/format";

/** stable < WATCH ≤ watch < RETRAIN ≤ retrain (the API's bands). */
export const WATCH = 0.1;
export const RETRAIN = 0.25;
export const PSI_COLORS: Record<string, string> = { stable: "#1f8a4c", watch: "#b7791f", retrain: "#c0392b" };

export function psiStatus(psi: number): string {
  return psi < WATCH ? "stable" : psi < RETRAIN ? "watch" : "retrain";
}

/** The axis always reaches past the retrain line, so a small PSI reads as small. */
export function psiTop(values: number[]): number {
  return Math.max(RETRAIN * 1.2, ...values.map((v) => v * 1.1));
}

/** Round ticks from 0 to the top (0.05 apart near the bands, coarser for large PSI). */
export function psiTicks(top: number): number[] {
  const step = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5].find((s) => top / s <= 8) ?? top / 8;
  return Array.from({ length: Math.floor(top / step + 1e-9) + 1 }, (_, i) => Number((i * step).toFixed(4)));
}

/** The three bands and their two boundaries, along the PSI axis ("x" or "y"). */
export function psiBands(axis: "x" | "y", top: number) {
  const area = (from: number, to: number, status: string) =>
    axis === "y" ? (
      <ReferenceArea
        key={status}
        y1={from}
        y2={to}
        fill={PSI_COLORS[status]}
        fillOpacity={0.07}
        ifOverflow="hidden"
      />
    ) : (
      <ReferenceArea
        key={status}
        x1={from}
        x2={to}
        fill={PSI_COLORS[status]}
        fillOpacity={0.07}
        ifOverflow="hidden"
      />
    );
  const line = (at: number, status: string) => {
    const label = { value: `${status} ${fixed(at, 2)}`, fontSize: 11, fill: PSI_COLORS[status] };
    return axis === "y" ? (
      <ReferenceLine
        key={`line-${status}`}
        y={at}
        stroke={PSI_COLORS[status]}
        strokeDasharray="4 3"
        label={{ ...label, position: "insideTopRight" }}
      />
    ) : (
      <ReferenceLine
        key={`line-${status}`}
        x={at}
        stroke={PSI_COLORS[status]}
        strokeDasharray="4 3"
        label={{ ...label, position: "insideTopRight", angle: 0 }}
      />
    );
  };
  return [
    area(0, WATCH, "stable"),
    area(WATCH, RETRAIN, "watch"),
    area(RETRAIN, top, "retrain"),
    line(WATCH, "watch"),
    line(RETRAIN, "retrain"),
  ];
}

interface PsiBar {
  label: string;
  psi: number;
  status: string;
}

/** Bars coloured by their band. */
function coloured(data: PsiBar[]) {
  return (props: BarShapeProps) => (
    <Rectangle {...props} fill={PSI_COLORS[data[props.index]?.status ?? "stable"]} />
  );
}

/** PSI of each of the embedding's dimensions between the training rows and the compared rows. */
export function DimensionPsiChart({ dims }: { dims: { dim: number; psi: number; status: string }[] }) {
  // Dimensions are numbered from 1, as in the embeddings export (emb_1 … emb_32).
  const data = dims.map((d) => ({ label: String(d.dim + 1), psi: d.psi, status: d.status }));
  const top = psiTop(data.map((d) => d.psi));
  return (
    <figure style={{ margin: 0 }} aria-label="PSI per embedding dimension">
      <div style={{ height: 260 }}>
        <ResponsiveContainer>
          <BarChart data={data} margin={{ top: 10, right: 10, bottom: 20, left: 0 }}>
            <CartesianGrid stroke="#eef0f4" vertical={false} />
            {psiBands("y", top)}
            <XAxis
              dataKey="label"
              interval={0}
              tick={{ fontSize: 10 }}
              label={{ value: "embedding dimension", position: "insideBottom", offset: -12 }}
            />
            <YAxis
              type="number"
              domain={[0, top]}
              ticks={psiTicks(top)}
              tickFormatter={(v: number) => fixed(v, 2)}
            />
            <Tooltip
              formatter={(v, _, item) => [`${fixed(Number(v))} (${(item.payload as PsiBar).status})`, "PSI"]}
              labelFormatter={(label) => `dimension ${String(label)}`}
            />
            <Bar dataKey="psi" isAnimationActive={false} shape={coloured(data)} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** PSI of each input feature, largest first: which columns moved. */
export function FeaturePsiChart({ features }: { features: { name: string; psi: number; status: string }[] }) {
  const data = [...features]
    .sort((a, b) => b.psi - a.psi)
    .map((f) => ({ label: f.name, psi: f.psi, status: f.status }));
  const top = psiTop(data.map((d) => d.psi));
  return (
    <figure style={{ margin: 0 }} aria-label="PSI per input feature">
      <div style={{ height: 40 + data.length * 24 }}>
        <ResponsiveContainer>
          <BarChart data={data} layout="vertical" margin={{ top: 16, right: 20, bottom: 20, left: 10 }}>
            <CartesianGrid stroke="#eef0f4" horizontal={false} />
            {psiBands("x", top)}
            <XAxis
              type="number"
              domain={[0, top]}
              ticks={psiTicks(top)}
              tickFormatter={(v: number) => fixed(v, 2)}
              label={{ value: "PSI", position: "insideBottom", offset: -12 }}
            />
            <YAxis type="category" dataKey="label" width={140} tick={{ fontSize: 12 }} interval={0} />
            <Tooltip
              formatter={(v, _, item) => [`${fixed(Number(v))} (${(item.payload as PsiBar).status})`, "PSI"]}
            />
            <Bar dataKey="psi" isAnimationActive={false} shape={coloured(data)} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
