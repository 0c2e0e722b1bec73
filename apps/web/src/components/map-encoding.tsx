import type { ColumnKind } from "../graphql/generated";
import { count, fixed } from "../lib/format";
import type { Projection } from "./map-data";

/** What the points are coloured by. */
export type ColorBy =
  | { kind: "persona" }
  | { kind: "label" }
  | { kind: "probability" }
  | { kind: "feature"; name: string };

export interface FeatureColumn {
  name: string;
  kind: ColumnKind;
  levels: string[] | null;
}

export type Legend =
  | { kind: "categories"; title: string; items: { label: string; color: string; count: number }[] }
  | {
      kind: "scale";
      title: string;
      from: string;
      to: string;
      colors: string[];
      note?: string;
      missing: number;
    };

/**
 * Colours of the points as the scatterplot takes them: one palette index per point (categorical
 * values, so continuous measures are cut into SCALE_STEPS bins and "missing" gets its own colour).
 */
export interface Encoding {
  values: Float32Array;
  palette: string[];
  /** Point indices in drawing order (the last on top), or null for the map's order. */
  order: number[] | null;
  legend: Legend;
}

const CATEGORICAL = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#86bcb6",
  "#d37295",
  "#8cd17d",
  "#b6992d",
  "#499894",
];
const MISSING = "#c8ccd2";
const OTHER = "#8a94a3";
const MAX_LEVELS = 12;

// Viridis: perceptually even and readable for colour-blind users; interpolated to SCALE_STEPS.
const VIRIDIS = [
  "#440154",
  "#472d7b",
  "#3b528b",
  "#2c728e",
  "#21918c",
  "#28ae80",
  "#5ec962",
  "#addc30",
  "#fde725",
];
const SCALE_STEPS = 64;

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex([r, g, b]: number[]): string {
  return `#${[r, g, b]
    .map((c) =>
      Math.round(c ?? 0)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

const RAMP: string[] = Array.from({ length: SCALE_STEPS }, (_, i) => {
  const t = (i / (SCALE_STEPS - 1)) * (VIRIDIS.length - 1);
  const lo = Math.floor(t);
  const hi = Math.min(lo + 1, VIRIDIS.length - 1);
  const a = hexToRgb(VIRIDIS[lo] ?? "#000000");
  const b = hexToRgb(VIRIDIS[hi] ?? "#000000");
  const f = t - lo;
  return rgbToHex(a.map((c, k) => c + ((b[k] ?? 0) - c) * f));
});

const categoryColor = (i: number) => CATEGORICAL[i % CATEGORICAL.length] ?? MISSING;

/** Bin index of a share in [0, 1] on the ramp. */
const bin = (share: number) => Math.min(SCALE_STEPS - 1, Math.max(0, Math.floor(share * SCALE_STEPS)));

function categories(
  title: string,
  labels: string[],
  codes: (number | null)[],
  colors: string[] = labels.map((_, i) => categoryColor(i)),
): Encoding {
  const missingIndex = labels.length;
  const values = new Float32Array(codes.length);
  const counts = new Array<number>(labels.length + 1).fill(0);
  codes.forEach((code, i) => {
    const index = code === null ? missingIndex : code;
    values[i] = index;
    counts[index] = (counts[index] ?? 0) + 1;
  });
  const items = labels.map((label, i) => ({ label, color: colors[i] ?? MISSING, count: counts[i] ?? 0 }));
  const missing = counts[missingIndex] ?? 0;
  if (missing > 0) items.push({ label: "unknown", color: MISSING, count: missing });
  return { values, palette: [...colors, MISSING], order: null, legend: { kind: "categories", title, items } };
}

/** Shares in [0, 1] (or null) on the ramp, highest drawn last so that they stand out. */
function scale(title: string, shares: (number | null)[], from: string, to: string, note?: string): Encoding {
  const values = new Float32Array(shares.length);
  let missing = 0;
  shares.forEach((share, i) => {
    if (share === null) {
      values[i] = SCALE_STEPS;
      missing += 1;
    } else values[i] = bin(share);
  });
  const order = shares.map((_, i) => i).sort((a, b) => (shares[a] ?? -1) - (shares[b] ?? -1));
  const legend: Legend = { kind: "scale", title, from, to, colors: RAMP, missing };
  if (note) legend.note = note;
  return { values, palette: [...RAMP, MISSING], order, legend };
}

export function byPersona(projection: Projection, personas: { segmentId: number; name: string }[]): Encoding {
  const sorted = [...personas].sort((a, b) => a.segmentId - b.segmentId);
  const position = new Map(sorted.map((p, i) => [p.segmentId, i]));
  const codes = projection.persona.map((segment) =>
    segment === null ? null : (position.get(segment) ?? null),
  );
  return categories(
    "Persona",
    sorted.map((p) => p.name),
    codes,
  );
}

export function byLabel(projection: Projection): Encoding {
  const codes = projection.label.map((label) => (label === null ? null : label === 1 ? 1 : 0));
  const encoding = categories("Label", ["not converted", "converted"], codes, ["#9fb3d1", "#d1495b"]);
  // Converted customers are few: drawn last so that they are not buried.
  const order = codes.map((_, i) => i).sort((a, b) => (codes[a] ?? -1) - (codes[b] ?? -1));
  return { ...encoding, order };
}

export function byProbability(projection: Projection): Encoding {
  return scale("Model probability", projection.probability, "0", "1");
}

function readable(value: number): string {
  return Math.abs(value) >= 1000 ? count(Math.round(value)) : fixed(value, Math.abs(value) >= 10 ? 1 : 2);
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? 0;
}

/** A raw column: numbers on the ramp (2nd–98th percentile, so outliers do not wash it out), else levels. */
export function byFeature(column: FeatureColumn, values: (string | null)[]): Encoding {
  const raw = values.map((value) => (value === null || value.trim() === "" ? null : value));

  if (column.kind === "numeric") {
    const numbers = raw
      .map((v) => (v === null ? null : Number(v)))
      .map((v) => (v !== null && Number.isFinite(v) ? v : null));
    const sorted = numbers.filter((v): v is number => v !== null).sort((a, b) => a - b);
    const lo = quantile(sorted, 0.02);
    const hi = quantile(sorted, 0.98);
    const span = hi > lo ? hi - lo : 1;
    const shares = numbers.map((v) => (v === null ? null : Math.min(1, Math.max(0, (v - lo) / span))));
    return scale(column.name, shares, readable(lo), readable(hi), "2nd–98th percentile");
  }

  // Levels in their defined order (ordinal, binary), else the most frequent first; the rest is "other".
  const frequency = new Map<string, number>();
  for (const v of raw) if (v !== null) frequency.set(v, (frequency.get(v) ?? 0) + 1);
  const levels = (
    column.levels ?? [...frequency.keys()].sort((a, b) => (frequency.get(b) ?? 0) - (frequency.get(a) ?? 0))
  )
    .filter((level) => frequency.has(level))
    .slice(0, MAX_LEVELS);
  const code = new Map(levels.map((level, i) => [level, i]));
  const hasOther = [...frequency.keys()].some((v) => !code.has(v));
  const labels = hasOther ? [...levels, "other"] : levels;
  const colors = labels.map((_, i) => (hasOther && i === levels.length ? OTHER : categoryColor(i)));
  const codes = raw.map((v) => (v === null ? null : (code.get(v) ?? levels.length)));
  return categories(column.name, labels, codes, colors);
}

/** The key to the colours: swatches with counts, or the colour ramp with its ends. */
export function MapLegend({ legend }: { legend: Legend }) {
  if (legend.kind === "categories") {
    return (
      <section aria-label="Legend">
        <h3>{legend.title}</h3>
        <ul style={{ listStyle: "none", margin: 0, padding: 0, display: "grid", gap: 4 }}>
          {legend.items.map((item) => (
            <li key={item.label} className="row small" style={{ gap: 6, flexWrap: "nowrap" }}>
              <span
                aria-hidden="true"
                style={{ width: 10, height: 10, borderRadius: 999, background: item.color, flex: "none" }}
              />
              <span style={{ flex: 1, minWidth: 0, overflowWrap: "anywhere" }}>{item.label}</span>
              <span className="muted" style={{ fontVariantNumeric: "tabular-nums" }}>
                {count(item.count)}
              </span>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const stops = legend.colors.filter((_, i) => i % 8 === 0 || i === legend.colors.length - 1);
  return (
    <section aria-label="Legend">
      <h3>{legend.title}</h3>
      <div
        aria-hidden="true"
        style={{ height: 10, borderRadius: 4, background: `linear-gradient(to right, ${stops.join(", ")})` }}
      />
      <div className="row small muted" style={{ marginTop: 4 }}>
        <span>{legend.from}</span>
        <span className="spacer" />
        <span>{legend.to}</span>
      </div>
      {legend.note && <div className="small muted">{legend.note}</div>}
      {legend.missing > 0 && (
        <div className="row small" style={{ gap: 6, marginTop: 6 }}>
          <span
            aria-hidden="true"
            style={{ width: 10, height: 10, borderRadius: 999, background: MISSING }}
          />
          unknown <span className="muted">{count(legend.missing)}</span>
        </div>
      )}
    </section>
  );
}
