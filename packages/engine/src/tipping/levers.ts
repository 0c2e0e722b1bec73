import type { ColumnSchema, DatasetSchema, RawTable } from "../data/index.ts";
import { KindredError } from "../errors/index.ts";
import type { EncoderSpec, FeatureEncoding } from "../features/index.ts";
import { columnDecimals, decimalsOf, defaultStep } from "./resolution.ts";
import type { Direction, Lever, LeverSettings, ResolvedTipping, TippingConfig } from "./types.ts";

export const DEFAULT_THRESHOLD = 0.5;
export const DEFAULT_MAX_STEPS = 1000;
const DIRECTIONS: readonly Direction[] = ["increase", "decrease", "any"];

function invalid(field: string, message: string): KindredError {
  return new KindredError("INVALID_CONFIG", `${field}: ${message}`, { field });
}

/**
 * Checks a tipping request against the run (its schema, encoder and rows) and resolves each
 * actionable feature into a lever: its kind, permitted range or levels, step and direction.
 * Errors name the feature or setting: an unknown feature or one that is not a model input
 * (UNKNOWN_COLUMN), a locked feature in the actionable set, a threshold outside (0, 1), a range
 * with min > max, a step ≤ 0, a level the feature never had (INVALID_CONFIG).
 */
export function resolveTipping(
  config: TippingConfig,
  schema: DatasetSchema,
  encoder: EncoderSpec,
  table: RawTable,
): ResolvedTipping {
  const threshold = config.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold > 0 && threshold < 1)) {
    throw invalid("threshold", `must be strictly between 0 and 1, got ${threshold}`);
  }
  const maxSteps = config.maxSteps ?? DEFAULT_MAX_STEPS;
  if (!Number.isInteger(maxSteps) || maxSteps < 1)
    throw invalid("maxSteps", `must be a positive integer, got ${maxSteps}`);
  if (!Array.isArray(config.features) || config.features.length === 0) {
    throw invalid("features", "name at least one actionable feature");
  }
  const encodings = new Map(encoder.features.map((f) => [f.feature, f]));
  const locked = new Set(config.locked ?? []);
  for (const name of locked) featureOf(name, "locked", schema, encodings);
  const seen = new Set<string>();
  for (const name of config.features) {
    if (seen.has(name)) throw invalid("features", `"${name}" is named twice`);
    seen.add(name);
    featureOf(name, "features", schema, encodings);
    if (locked.has(name)) {
      throw invalid("features", `"${name}" is locked (immutable) and cannot be an actionable feature`);
    }
  }
  for (const name of Object.keys(config.levers ?? {})) {
    if (!seen.has(name)) throw invalid(`levers.${name}`, `"${name}" is not one of the actionable features`);
  }
  const levers = config.features.map((name) => {
    const { column, encoding } = featureOf(name, "features", schema, encodings);
    return resolveLever(column, encoding, table, config.levers?.[name] ?? {}, maxSteps);
  });
  return { levers, threshold, pairs: config.pairs ?? false };
}

function featureOf(
  name: string,
  field: string,
  schema: DatasetSchema,
  encodings: Map<string, FeatureEncoding>,
): { column: ColumnSchema; encoding: FeatureEncoding } {
  const column = schema.columns.find((c) => c.name === name);
  const encoding = encodings.get(name);
  if (!column || !encoding) {
    const features = schema.columns.filter((c) => c.role === "feature").map((c) => `"${c.name}"`);
    const why = column
      ? `"${name}" is not a model input (its role is ${column.role})`
      : `there is no feature "${name}"`;
    throw new KindredError(
      "UNKNOWN_COLUMN",
      `${field}: ${why}; the run's features are ${features.join(", ")}`,
      {
        column: name,
        field,
      },
    );
  }
  return { column, encoding };
}

function resolveLever(
  column: ColumnSchema,
  encoding: FeatureEncoding,
  table: RawTable,
  settings: LeverSettings,
  maxSteps: number,
): Lever {
  const field = `levers.${column.name}`;
  const direction = settings.direction ?? "any";
  if (!DIRECTIONS.includes(direction)) {
    throw invalid(
      `${field}.direction`,
      `must be one of ${DIRECTIONS.join(", ")}, got "${String(direction)}"`,
    );
  }
  const levelBased = encoding.kind !== "numeric" && !(encoding.kind === "ordinal" && !encoding.levels);
  if (levelBased) {
    for (const key of ["min", "max", "step"] as const) {
      if (settings[key] !== undefined) {
        throw invalid(`${field}.${key}`, `"${column.name}" is chosen among levels; set "levels" instead`);
      }
    }
    const all =
      encoding.kind === "categorical" || encoding.kind === "binary"
        ? encoding.levels
        : (encoding.levels ?? []);
    const permitted = settings.levels ?? [...all];
    const unknown = permitted.filter((level) => !all.includes(level));
    if (unknown.length > 0) {
      throw invalid(
        `${field}.levels`,
        `"${column.name}" has no level ${unknown.map((l) => `"${l}"`).join(", ")}; its levels are ${all.map((l) => `"${l}"`).join(", ")}`,
      );
    }
    if (permitted.length === 0) throw invalid(`${field}.levels`, "permit at least one level");
    if (encoding.kind === "ordinal")
      return { kind: "ordinal", feature: column.name, direction, levels: [...all], permitted };
    if (direction !== "any") {
      throw invalid(`${field}.direction`, `"${column.name}" has unordered levels: it has no direction`);
    }
    return { kind: "categorical", feature: column.name, direction, permitted };
  }
  if (settings.levels !== undefined) {
    throw invalid(`${field}.levels`, `"${column.name}" is numeric; set "min", "max" and "step" instead`);
  }
  const cells = table.columns[table.header.indexOf(column.name)] ?? [];
  const dataDecimals = columnDecimals(cells);
  const min = settings.min ?? column.stats.min ?? (encoding.kind === "numeric" ? encoding.min : 0);
  const max = settings.max ?? column.stats.max ?? (encoding.kind === "numeric" ? encoding.max : 0);
  for (const [key, value] of [
    ["min", min],
    ["max", max],
  ] as const) {
    if (!Number.isFinite(value)) throw invalid(`${field}.${key}`, `must be a finite number, got ${value}`);
  }
  if (min > max) throw invalid(`${field}.min`, `min ${min} is above max ${max}`);
  if (settings.step !== undefined && !(settings.step > 0 && Number.isFinite(settings.step))) {
    throw invalid(`${field}.step`, `must be a positive number, got ${settings.step}`);
  }
  const step = settings.step ?? defaultStep(dataDecimals, max - min, maxSteps);
  const decimals = Math.max(
    dataDecimals,
    decimalsOf(String(step)),
    decimalsOf(String(min)),
    decimalsOf(String(max)),
  );
  return {
    kind: "numeric",
    feature: column.name,
    direction,
    min,
    max,
    step,
    decimals,
    missingMarkers: column.missingMarkers,
  };
}
