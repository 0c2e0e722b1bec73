import { columnIndex } from "../data/index.ts";
import type { DatasetSchema, RawTable } from "../data/types.ts";
import { KindredError } from "../errors/index.ts";
import { compileBusinessSegmentation } from "./compile-segmentation.ts";
import type { BusinessSegmentation } from "./config.ts";
import { readColumnVector } from "./expression-columns.ts";
import type { EvalEnv } from "./expression-compile.ts";
import { asNumbers, type BooleanVector, type NumberVector, type StringVector } from "./expression-vectors.ts";

export interface BusinessPersona {
  name: string;
  size: number;
  /** size / rows of the table. */
  share: number;
  /** Share of the persona's rows with label 1; null without labels or for an empty persona. */
  conversionRate: number | null;
  /** The rule as written; null for the fallback. */
  rule: string | null;
  description?: string;
  strategy?: string;
}

export interface BusinessSegmentationResult {
  /** Index into `personas` per row; rows matching no rule get the fallback, the last persona. */
  assignment: Int32Array;
  personas: BusinessPersona[];
  /** Each score per row; NaN where it is null (a missing input, or no finite result). */
  scores: Record<string, Float64Array>;
}

/** Reads the table's columns on first use, once each, as the schema says. */
export function tableEnv(table: RawTable, schema: DatasetSchema, scores: Map<string, NumberVector>): EvalEnv {
  const cache = new Map<string, NumberVector | StringVector>();
  return {
    rowCount: table.rowCount,
    column(name) {
      let vector = cache.get(name);
      if (vector === undefined) {
        const column = schema.columns.find((c) => c.name === name);
        if (!column)
          throw new KindredError("UNKNOWN_COLUMN", `the schema has no column "${name}"`, { column: name });
        vector = readColumnVector(table, column);
        cache.set(name, vector);
      }
      return vector;
    },
    score(name) {
      const vector = scores.get(name);
      if (!vector)
        throw new KindredError("INVALID_CONFIG", `score "${name}" is not computed yet`, { field: "scores" });
      return vector;
    },
  };
}

function checkLabels(labels: Uint8Array, rowCount: number): void {
  if (labels.length !== rowCount) {
    throw new KindredError(
      "INVALID_CONFIG",
      `labels has ${labels.length} entries but the table has ${rowCount} rows`,
      { field: "labels" },
    );
  }
  const bad = labels.findIndex((label) => label > 1);
  if (bad >= 0) {
    throw new KindredError("INVALID_CONFIG", `labels[${bad}] is ${labels[bad]}; labels are 0 or 1`, {
      field: "labels",
      row: bad + 1,
    });
  }
}

/**
 * Business-guided segmentation: computes the scores, then gives each row the first persona whose
 * rule holds (the fallback when none does), with each persona's size, share and conversion rate.
 * The whole configuration is checked before any row is read (see `compileBusinessSegmentation`).
 * In rules and scores a missing cell is null: arithmetic and functions on null give null, and a
 * comparison with null is false (so a rule on a missing value does not match).
 */
export function applyBusinessSegmentation(
  table: RawTable,
  schema: DatasetSchema,
  config: BusinessSegmentation,
  options: { labels?: Uint8Array } = {},
): BusinessSegmentationResult {
  const compiled = compileBusinessSegmentation(schema, config);
  for (const name of compiled.columns) columnIndex(table, name);
  if (options.labels) checkLabels(options.labels, table.rowCount);

  const scores = new Map<string, NumberVector>();
  const env = tableEnv(table, schema, scores);
  for (const score of compiled.scores) scores.set(score.name, asNumbers(score.formula.run(env)));

  const fallback = compiled.rules.length;
  const assignment = new Int32Array(table.rowCount).fill(fallback);
  const unassigned = () => assignment.some((a) => a === fallback);
  for (const [i, rule] of compiled.rules.entries()) {
    if (!unassigned()) break;
    const matches = rule.run(env) as BooleanVector;
    for (let r = 0; r < table.rowCount; r++)
      if (assignment[r] === fallback && matches[r] === 1) assignment[r] = i;
  }

  const sizes = new Float64Array(fallback + 1);
  const positives = new Float64Array(fallback + 1);
  for (let r = 0; r < table.rowCount; r++) {
    sizes[assignment[r]!]! += 1;
    if (options.labels) positives[assignment[r]!]! += options.labels[r]!;
  }
  const n = table.rowCount;
  const entries = [
    ...compiled.config.personas.map((p) => ({ ...p, rule: p.when as string | null })),
    { name: compiled.config.fallback, rule: null },
  ];
  const personas = entries.map((entry, i): BusinessPersona => {
    const persona: BusinessPersona = {
      name: entry.name,
      size: sizes[i]!,
      share: n === 0 ? 0 : sizes[i]! / n,
      conversionRate: options.labels && sizes[i]! > 0 ? positives[i]! / sizes[i]! : null,
      rule: entry.rule,
    };
    if ("description" in entry && entry.description !== undefined) persona.description = entry.description;
    if ("strategy" in entry && entry.strategy !== undefined) persona.strategy = entry.strategy;
    return persona;
  });
  return { assignment, personas, scores: Object.fromEntries(scores) };
}

/** Checks a configuration against a schema without reading rows; returns it typed. */
export function validateBusinessSegmentation(schema: DatasetSchema, config: unknown): BusinessSegmentation {
  return compileBusinessSegmentation(schema, config).config;
}
