"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { fixed, percent } from "../lib/format";

/**
 * A feature on which a persona stands out (the API's `traits` JSON). Numeric traits compare
 * means (index = 100 × mean / population mean); level traits ("Education: 3") compare shares.
 */
export interface PersonaTrait {
  feature: string;
  kind: string;
  index: number | null;
  segmentValue: number;
  populationValue: number;
  level: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The traits of a persona; entries of another shape are skipped rather than drawn wrong. */
export function parseTraits(json: unknown): PersonaTrait[] {
  if (!Array.isArray(json)) return [];
  const traits: PersonaTrait[] = [];
  for (const t of json) {
    if (!isRecord(t) || typeof t.feature !== "string") continue;
    const segmentValue = num(t.segmentValue);
    const populationValue = num(t.populationValue);
    if (segmentValue === null || populationValue === null) continue;
    traits.push({
      feature: t.feature,
      kind: typeof t.kind === "string" ? t.kind : "numeric",
      index: num(t.index),
      segmentValue,
      populationValue,
      level: typeof t.level === "string" ? t.level : null,
    });
  }
  return traits;
}

const ABOVE = "#1f8a4c";
const BELOW = "#c0392b";
const ROW = 30;

/** Numeric traits as bars of their index around 100 (the average customer). */
function IndexChart({ traits }: { traits: PersonaTrait[] }) {
  const data = traits
    .filter((t): t is PersonaTrait & { index: number } => t.index !== null)
    .map((t) => ({ ...t, delta: t.index - 100 }));
  if (data.length === 0) return null;
  // At least 50 to 150 around the average, in round steps; an index cannot fall below 0.
  const up = (v: number) => Math.ceil(v / 50) * 50;
  const low = Math.max(-100, -up(Math.max(50, ...data.map((d) => -d.delta))));
  const high = up(Math.max(50, ...data.map((d) => d.delta)));
  const step = high - low > 400 ? 100 : 50;
  const ticks: number[] = [];
  for (let t = Math.ceil(low / step) * step; t <= high; t += step) ticks.push(t);
  return (
    <div
      style={{ height: data.length * ROW + 50 }}
      role="img"
      aria-label="Numeric traits: index against the population"
    >
      <ResponsiveContainer>
        <BarChart data={data} layout="vertical" margin={{ top: 18, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#eef0f4" horizontal={false} />
          <XAxis
            type="number"
            domain={[low, high]}
            ticks={ticks}
            tickFormatter={(v: number) => String(Math.round(v + 100))}
            tick={{ fontSize: 11 }}
          />
          <YAxis type="category" dataKey="feature" width={120} tick={{ fontSize: 12 }} />
          <Tooltip
            formatter={(_, __, item) => {
              const t = item.payload as PersonaTrait & { index: number };
              return [
                `${Math.round(t.index)} (mean ${fixed(t.segmentValue, 2)} vs ${fixed(t.populationValue, 2)})`,
                "index",
              ];
            }}
          />
          <ReferenceLine
            x={0}
            stroke="#5d6b7e"
            label={{ value: "average = 100", position: "top", fontSize: 11, fill: "#5d6b7e" }}
          />
          <Bar dataKey="delta" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.feature} fill={d.delta >= 0 ? ABOVE : BELOW} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Level traits ("Education: 3", "CD Account: 1") as the share holding the level: persona vs everyone. */
function ShareChart({ traits }: { traits: PersonaTrait[] }) {
  const data = traits.map((t) => ({
    label: `${t.feature}: ${t.level}`,
    persona: t.segmentValue,
    everyone: t.populationValue,
  }));
  if (data.length === 0) return null;
  return (
    <div
      style={{ height: data.length * ROW * 1.3 + 60 }}
      role="img"
      aria-label="Categorical traits: share against the population"
    >
      <ResponsiveContainer>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 0 }} barGap={1}>
          <CartesianGrid stroke="#eef0f4" horizontal={false} />
          <XAxis
            type="number"
            domain={[0, 1]}
            tickFormatter={(v: number) => percent(v, 0)}
            tick={{ fontSize: 11 }}
          />
          <YAxis type="category" dataKey="label" width={120} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v, name) => [percent(Number(v)), name]} />
          <Legend
            verticalAlign="bottom"
            height={22}
            wrapperStyle={{ fontSize: 12 }}
            itemSorter={null}
            // Legend texts take the bar colour by default: the pale one would be hard to read.
            formatter={(value) => <span style={{ color: "var(--ink)" }}>{value}</span>}
          />
          <Bar dataKey="persona" name="this persona" fill="#2f5fd0" isAnimationActive={false} />
          <Bar dataKey="everyone" name="everyone" fill="#b3bfd1" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** How a persona differs from the whole population, on its most distinctive features. */
export function PersonaProfile({ traits }: { traits: PersonaTrait[] }) {
  const numeric = traits.filter((t) => t.level === null);
  const levels = traits.filter((t) => t.level !== null);
  // A numeric trait without an index (population mean 0) cannot sit on the 100 scale: say it in words.
  const unindexed = numeric.filter((t) => t.index === null);
  if (traits.length === 0) return <p className="small muted">No profile for this persona.</p>;
  return (
    <div className="grid" style={{ gap: 8 }}>
      {numeric.length > unindexed.length && (
        <div>
          <div className="small muted">Averages (index: 100 = the average customer)</div>
          <IndexChart traits={numeric} />
        </div>
      )}
      {unindexed.map((t) => (
        <div key={t.feature} className="small">
          {t.feature}: mean {fixed(t.segmentValue, 2)} vs {fixed(t.populationValue, 2)} overall
        </div>
      ))}
      {levels.length > 0 && (
        <div>
          <div className="small muted">Shares of customers holding a level</div>
          <ShareChart traits={levels} />
        </div>
      )}
    </div>
  );
}
