import type { DatasetSchema } from "../data/types.ts";
import { KindredError } from "../errors/index.ts";
import { type BusinessSegmentation, checkConfigShape } from "./config.ts";
import { type Compiled, compileExpression } from "./expression-compile.ts";
import type { FormulaContext } from "./expression-error.ts";
import { parseExpression } from "./expression-parser.ts";

export interface CompiledSegmentation {
  config: BusinessSegmentation;
  scores: { name: string; formula: Compiled }[];
  rules: Compiled[];
  /** Every column a score or rule reads. */
  columns: Set<string>;
}

/**
 * Checks a whole configuration before any row is read: its shape, then every score formula (in
 * order; a score may use the columns and the scores listed before it), then every persona rule
 * (columns and all scores; it must be a condition). The first problem is thrown, naming the
 * score or rule, the column of the formula and the token.
 */
export function compileBusinessSegmentation(schema: DatasetSchema, input: unknown): CompiledSegmentation {
  const config = checkConfigShape(input);
  const columnMap = new Map(schema.columns.map((c) => [c.name, c]));
  const columns = new Set<string>();
  const defined = new Set<string>();
  const scoreNames = config.scores.map((s) => s.name);
  const scores = config.scores.map((score, i) => {
    if (columnMap.has(score.name)) {
      throw new KindredError(
        "INVALID_CONFIG",
        `score "${score.name}" has the name of a column; give the score another name`,
        { field: `scores[${i}].name` },
      );
    }
    const context: FormulaContext = { label: `score "${score.name}"`, field: `scores[${i}].formula` };
    const unavailable = new Map<string, string>([[score.name, "cannot use itself"]]);
    for (const later of scoreNames.slice(i + 1)) {
      if (!unavailable.has(later)) {
        unavailable.set(
          later,
          "is defined after this score; a score can use only the scores listed before it",
        );
      }
    }
    const compiled = compileExpression(parseExpression(score.formula, context), {
      context,
      columns: columnMap,
      scores: defined,
      unavailableScores: unavailable,
      unknownNameCode: "UNKNOWN_COLUMN",
    });
    if (compiled.compiled.type === "string") {
      throw new KindredError(
        "INVALID_CONFIG",
        `${context.label}: a score must be a number, but this formula gives text`,
        {
          field: context.field,
        },
      );
    }
    for (const c of compiled.columns) columns.add(c);
    defined.add(score.name);
    return { name: score.name, formula: compiled.compiled };
  });
  const rules = config.personas.map((persona, i) => {
    const context: FormulaContext = {
      label: `persona "${persona.name}" (rule ${i + 1})`,
      field: `personas[${i}].when`,
    };
    const compiled = compileExpression(parseExpression(persona.when, context), {
      context,
      columns: columnMap,
      scores: defined,
      unknownNameCode: "INVALID_CONFIG",
    });
    if (compiled.compiled.type !== "boolean") {
      throw new KindredError(
        "INVALID_CONFIG",
        `${context.label}: a rule must be a condition such as engagement >= 3, but this formula gives ${compiled.compiled.type === "number" ? "a number" : "text"}`,
        { field: context.field },
      );
    }
    for (const c of compiled.columns) columns.add(c);
    return compiled.compiled;
  });
  return { config, scores, rules, columns };
}
