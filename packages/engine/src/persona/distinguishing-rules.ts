import type { DatasetSchema, RawTable } from "../data/types.ts";
import { KindredError } from "../errors/index.ts";
import { type ColumnValues, describedColumns, readColumnValues } from "./column-values.ts";
import { growTree } from "./grow-tree.ts";
import { prepareRuleFeatures, type RuleFeature } from "./rule-features.ts";
import { describePath } from "./rule-text.ts";
import type { DistinguishingRule } from "./types.ts";

export interface RuleOptions {
  /** Splits from the root to a leaf (default 3). */
  maxDepth?: number;
  /** Fewest rows in a leaf (default: 1 % of the rows, at least 20). */
  minLeaf?: number;
  /** Rules returned at most (default 3). */
  maxRules?: number;
}

export interface RuleFinderOptions {
  /** Columns the rules may use (default: every role-"feature" column that is numeric, ordinal, binary or categorical). */
  features?: string[];
}

/** Reads and presorts the columns once; then grows one small tree per segment. */
export interface RuleFinder {
  rowCount: number;
  /** The distinguishing rules of one segment of `assignment` (one id per row). */
  rules(assignment: Int32Array, segmentId: number, options?: RuleOptions): DistinguishingRule[];
}

/** 1 % of the rows, at least 20. */
export function defaultMinLeaf(rowCount: number): number {
  return Math.max(20, Math.ceil(rowCount / 100));
}

function positiveInteger(value: number, field: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new KindredError(
      "INVALID_CONFIG",
      `${field} is ${value}; it must be a whole number from 1 to ${max}`,
      {
        field,
      },
    );
  }
  return value;
}

/**
 * Leaves that pick out the segment: those where the segment is the majority and more frequent
 * than in the whole table (precision ≥ max(0.5, segment share)), largest catch first (recall,
 * then precision). When no leaf qualifies, the one leaf with the highest precision.
 */
function rulesOf(
  features: readonly RuleFeature[],
  target: Uint8Array,
  positives: number,
  options: Required<RuleOptions>,
): DistinguishingRule[] {
  const leaves = growTree(features, target, options).filter((leaf) => leaf.positives > 0);
  const floor = Math.max(0.5, positives / target.length);
  const precision = (leaf: { n: number; positives: number }) => leaf.positives / leaf.n;
  let chosen = leaves
    .filter((leaf) => precision(leaf) >= floor)
    .sort((a, b) => b.positives - a.positives || precision(b) - precision(a));
  if (chosen.length === 0) {
    chosen = leaves.sort((a, b) => precision(b) - precision(a) || b.positives - a.positives).slice(0, 1);
  }
  return chosen.slice(0, options.maxRules).map((leaf) => ({
    ...describePath(leaf.conditions, features),
    precision: precision(leaf),
    recall: leaf.positives / positives,
    support: leaf.n,
  }));
}

/** A rule finder over columns already read (see `readColumnValues`). */
export function ruleFinderFromColumns(columns: readonly ColumnValues[], rowCount: number): RuleFinder {
  const features = prepareRuleFeatures(columns);
  return {
    rowCount,
    rules(assignment, segmentId, options = {}) {
      if (assignment.length !== rowCount) {
        throw new KindredError(
          "INVALID_CONFIG",
          `the assignment has ${assignment.length} entries but the table has ${rowCount} rows`,
          { field: "assignment" },
        );
      }
      if (!Number.isInteger(segmentId) || segmentId < 0) {
        throw new KindredError("INVALID_CONFIG", `segmentId is ${segmentId}; it must be a whole number ≥ 0`, {
          field: "segmentId",
        });
      }
      const resolved: Required<RuleOptions> = {
        maxDepth: positiveInteger(options.maxDepth ?? 3, "maxDepth", 10),
        minLeaf: positiveInteger(options.minLeaf ?? defaultMinLeaf(rowCount), "minLeaf"),
        maxRules: positiveInteger(options.maxRules ?? 3, "maxRules"),
      };
      const target = new Uint8Array(rowCount);
      let positives = 0;
      for (let r = 0; r < rowCount; r++) {
        if (assignment[r] === segmentId) {
          target[r] = 1;
          positives++;
        }
      }
      return positives === 0 ? [] : rulesOf(features, target, positives, resolved);
    },
  };
}

/** Reads the columns of `table` the rules may use and sorts the numeric ones, once. */
export function createRuleFinder(
  table: RawTable,
  schema: DatasetSchema,
  options: RuleFinderOptions = {},
): RuleFinder {
  const columns = describedColumns(table, schema, options.features).map((c) => readColumnValues(table, c));
  return ruleFinderFromColumns(columns, table.rowCount);
}

/**
 * Readable rules that pick out segment `segmentId` from the rest, e.g.
 * `{ rule: "Income > 98.5 and Education = 1", precision: 0.91, recall: 0.62, support: 340 }`:
 * the best leaves of a shallow one-vs-rest CART tree (Gini; numeric thresholds between adjacent
 * distinct values; levels as "=" / "≠"). Precision and recall are exact for the table. For many
 * segments of one table, use `createRuleFinder` once and call `rules` per segment.
 */
export function distinguishingRules(
  table: RawTable,
  schema: DatasetSchema,
  assignment: Int32Array,
  segmentId: number,
  options: RuleOptions & RuleFinderOptions = {},
): DistinguishingRule[] {
  return createRuleFinder(table, schema, options).rules(assignment, segmentId, options);
}
