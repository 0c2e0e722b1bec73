"use client";

import {
  Bar,
  CartesianGrid,
  Cell,
  ComposedChart,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { AnalysisQualityQuery } from "../graphql/generated";
import { count, fixed, percent } from "../lib/format";

export type QualityAnalysis = NonNullable<NonNullable<AnalysisQualityQuery["run"]>["latestAnalysis"]>;

const COLORS = {
  line: "#2f5fd0",
  chosen: "#2f5fd0",
  recommended: "#1f8a4c",
  elbow: "#b7791f",
  threshold: "#c0392b",
};

interface KMark {
  k: number;
  label: string;
  color: string;
  dash?: string;
}

/**
 * The K's worth a vertical line: chosen, recommended and (on the elbow chart) the elbow. Marks on
 * the same K share one line and one label, so texts never overlap.
 */
function kMarks(analysis: QualityAnalysis, withElbow: boolean): KMark[] {
  const raw: KMark[] = [
    { k: analysis.chosenK, label: "chosen", color: COLORS.chosen },
    { k: analysis.recommendedK, label: "recommended", color: COLORS.recommended, dash: "5 3" },
  ];
  if (withElbow && analysis.elbowK !== null) {
    raw.push({ k: analysis.elbowK, label: "elbow", color: COLORS.elbow, dash: "2 3" });
  }
  const byK = new Map<number, KMark>();
  for (const mark of raw) {
    const seen = byK.get(mark.k);
    byK.set(mark.k, seen ? { ...seen, label: `${seen.label} · ${mark.label}` } : mark);
  }
  return [...byK.values()].map((m) => ({ ...m, label: `K = ${m.k}: ${m.label}` }));
}

/** A mark's text beside its line, one row per mark so that marks on adjacent K's never overlap. */
function markLabel(viewBox: unknown, mark: KMark, row: number, atRightEdge: boolean) {
  if (typeof viewBox !== "object" || viewBox === null || !("x" in viewBox) || !("y" in viewBox)) return null;
  const { x, y } = viewBox as { x: number; y: number };
  return (
    <text
      x={atRightEdge ? x - 4 : x + 4}
      y={y + 12 + row * 14}
      textAnchor={atRightEdge ? "end" : "start"}
      fill={mark.color}
      fontSize={11}
      // A white halo keeps the text readable where it crosses the curve or another line.
      stroke="#fff"
      strokeWidth={3}
      paintOrder="stroke"
    >
      {mark.label}
    </text>
  );
}

function KLines({ marks, maxK }: { marks: KMark[]; maxK: number }) {
  return [...marks]
    .sort((a, b) => a.k - b.k)
    .map((m, row) => (
      <ReferenceLine
        key={m.k}
        x={m.k}
        stroke={m.color}
        strokeDasharray={m.dash}
        label={{ content: ({ viewBox }) => markLabel(viewBox, m, row, m.k === maxK) }}
      />
    ));
}

const kTicks = (analysis: QualityAnalysis) => analysis.sweep.map((p) => p.k);
const kDomain = (analysis: QualityAnalysis): [number, number] => {
  const ks = kTicks(analysis);
  return [Math.min(...ks), Math.max(...ks)];
};

/** Within-cluster sum of squares against K: the bend (elbow) is where more clusters stop paying. */
export function ElbowChart({ analysis }: { analysis: QualityAnalysis }) {
  return (
    <div style={{ height: 260 }} role="img" aria-label="Elbow chart: inertia against K">
      <ResponsiveContainer>
        <LineChart data={analysis.sweep} margin={{ top: 8, right: 24, bottom: 20, left: 10 }}>
          <CartesianGrid stroke="#eef0f4" />
          <XAxis
            type="number"
            dataKey="k"
            domain={kDomain(analysis)}
            ticks={kTicks(analysis)}
            label={{ value: "K (clusters)", position: "insideBottom", offset: -10 }}
          />
          <YAxis tickFormatter={(v: number) => count(Math.round(v))} width={64} />
          <Tooltip
            formatter={(v) => [count(Math.round(Number(v))), "inertia"]}
            labelFormatter={(k) => `K = ${k}`}
          />
          <KLines marks={kMarks(analysis, true)} maxK={kDomain(analysis)[1]} />
          <Line dataKey="inertia" stroke={COLORS.line} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Mean silhouette against K, with the acceptance thresholds as horizontal lines. */
export function SilhouetteChart({ analysis }: { analysis: QualityAnalysis }) {
  const { silhouette, silhouetteBusinessData } = analysis.thresholds;
  // Keep both threshold lines in view even when every K scores far above or below them.
  const values = analysis.sweep.map((p) => p.silhouette);
  const top = Math.ceil(Math.max(silhouetteBusinessData + 0.05, ...values) * 10) / 10;
  const bottom = Math.floor(Math.min(0, ...values) * 10) / 10;
  return (
    <div style={{ height: 260 }} role="img" aria-label="Silhouette against K">
      <ResponsiveContainer>
        <LineChart data={analysis.sweep} margin={{ top: 8, right: 24, bottom: 20, left: 10 }}>
          <CartesianGrid stroke="#eef0f4" />
          <XAxis
            type="number"
            dataKey="k"
            domain={kDomain(analysis)}
            ticks={kTicks(analysis)}
            label={{ value: "K (clusters)", position: "insideBottom", offset: -10 }}
          />
          <YAxis domain={[bottom, top]} tickFormatter={(v: number) => fixed(v, 2)} width={48} />
          <Tooltip formatter={(v) => [fixed(Number(v)), "silhouette"]} labelFormatter={(k) => `K = ${k}`} />
          <ReferenceLine
            y={silhouette}
            stroke={COLORS.threshold}
            strokeDasharray="4 4"
            label={{
              value: `embeddings > ${silhouette}`,
              position: "insideBottomRight",
              fill: COLORS.threshold,
              fontSize: 11,
            }}
          />
          <ReferenceLine
            y={silhouetteBusinessData}
            stroke={COLORS.elbow}
            strokeDasharray="4 4"
            label={{
              value: `raw business data > ${silhouetteBusinessData}`,
              position: "insideTopRight",
              fill: COLORS.elbow,
              fontSize: 11,
            }}
          />
          <KLines marks={kMarks(analysis, false)} maxK={kDomain(analysis)[1]} />
          <Line dataKey="silhouette" stroke={COLORS.line} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Share of the embedding's variance per principal component, and the running total. */
export function PcaChart({ ratios }: { ratios: number[] }) {
  let total = 0;
  const data = ratios.map((ratio, i) => {
    total += ratio;
    return { pc: `PC${i + 1}`, ratio, cumulative: total };
  });
  return (
    <div style={{ height: 220 }} role="img" aria-label="Explained variance ratio per principal component">
      <ResponsiveContainer>
        <ComposedChart data={data} margin={{ top: 5, right: 10, bottom: 5, left: 0 }}>
          <CartesianGrid stroke="#eef0f4" vertical={false} />
          <XAxis dataKey="pc" interval="preserveStartEnd" tick={{ fontSize: 11 }} />
          <YAxis
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={(v: number) => percent(v, 0)}
            width={56}
          />
          <Tooltip formatter={(v, name) => [percent(Number(v)), name]} />
          <Bar dataKey="ratio" name="explained variance" isAnimationActive={false}>
            {data.map((d, i) => (
              // The first two components are the PCA map's axes: they stand out from the rest.
              <Cell key={d.pc} fill={i < 2 ? COLORS.line : "#9fb4ea"} />
            ))}
          </Bar>
          <Line
            dataKey="cumulative"
            name="cumulative"
            stroke={COLORS.elbow}
            dot={false}
            type="monotone"
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
