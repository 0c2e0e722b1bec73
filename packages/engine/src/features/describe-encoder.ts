import type { EncoderSpec, FeatureEncoding, NumericEncoding } from "./types.ts";

/**
 * One short human-readable line per feature, e.g.
 * `balance → balance, balance__missing: numeric, log1p (train skewness 4.2), standardized (mean 6.1, std 1.3); missing → median 6`.
 */
export function describeEncoder(spec: EncoderSpec): string[] {
  const lines = spec.features.map(
    (feature) => `${feature.feature} → ${listColumns(feature.columns)}: ${describeFeature(feature)}`,
  );
  const scaled = spec.indicatorScaling?.columns.length ?? 0;
  if (scaled > 0) lines.push(`${scaled} indicator columns standardized with train mean and std`);
  return lines;
}

function describeFeature(feature: FeatureEncoding): string {
  switch (feature.kind) {
    case "numeric":
    case "ordinal":
      return describeNumeric(feature);
    case "binary":
      return `binary, "${feature.levels[1]}" = 1, "${feature.levels[0]}" = 0${feature.missingIndicator ? ", missing flagged" : ""}`;
    case "categorical": {
      const missing = feature.missingLevel ? ", missing as a level" : "";
      return `categorical one-hot, ${feature.levels.length} levels kept, ${feature.rareLevelCount} rare${missing}`;
    }
  }
}

function describeNumeric(feature: NumericEncoding): string {
  const parts = [
    feature.levels
      ? `ordinal (${feature.levels.length} levels as positions 0..${feature.levels.length - 1})`
      : feature.kind,
  ];
  if (feature.log1p) parts.push(`log1p (train skewness ${fmt(feature.skewness)})`);
  parts.push(`standardized (mean ${fmt(feature.mean)}, std ${fmt(feature.std)})`);
  if (feature.clip) parts.push(`clipped to the train range ${fmt(feature.min)}..${fmt(feature.max)}`);
  const notes = [
    ...(feature.missingIndicator ? [`missing → median ${fmt(feature.median)}`] : []),
    ...feature.sentinels.map((v) => `sentinel ${fmt(v)} → ${sentinelPlace(feature, v)}`),
  ];
  const text = parts.join(", ");
  return notes.length > 0 ? `${text}; ${notes.join("; ")}` : text;
}

function sentinelPlace(feature: NumericEncoding, sentinel: number): string {
  if (feature.trainCount > 0 && sentinel > feature.max) return `train max ${fmt(feature.max)}`;
  if (feature.trainCount > 0 && sentinel < feature.min) return `train min ${fmt(feature.min)}`;
  return `median ${fmt(feature.median)}`;
}

function listColumns(columns: readonly string[]): string {
  if (columns.length <= 6) return columns.join(", ");
  return `${columns.length} columns (${[...columns.slice(0, 3), "…", ...columns.slice(-2)].join(", ")})`;
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(4)));
}
