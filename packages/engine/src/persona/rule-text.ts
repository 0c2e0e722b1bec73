import { shortThreshold } from "./format-number.ts";
import type { PathCondition } from "./grow-tree.ts";
import type { LevelRuleFeature, NumericRuleFeature, RuleFeature } from "./rule-features.ts";
import type { RuleCondition } from "./types.ts";

interface Described {
  conditions: RuleCondition[];
  text: string;
}

const SIMPLE_LEVEL = /^[\p{L}\p{N}_.+\-/]+$/u;

/** A level as written in a rule: bare when it is one simple word, JSON-quoted otherwise. */
function showLevel(level: string): string {
  return SIMPLE_LEVEL.test(level) ? level : JSON.stringify(level);
}

const MISSING_NOTE = " (or missing)";

/**
 * The conditions of a path on one numeric feature merged into the tightest bounds. Every
 * threshold is shown as a short number between the two adjacent values the split fell between,
 * which selects exactly the same rows among those satisfying the rest of the path.
 */
function numericBounds(feature: NumericRuleFeature, path: PathCondition[]): Described {
  let lower: PathCondition | undefined;
  let upper: PathCondition | undefined;
  for (const c of path) {
    if (c.op === ">" && (!lower || c.lo > lower.lo)) lower = c;
    if (c.op === "<=" && (!upper || c.lo < upper.lo)) upper = c;
  }
  const includesMissing = path.every((c) => c.includesMissing);
  const note = includesMissing ? MISSING_NOTE : "";
  const name = feature.name;
  if (feature.ordinal) return ordinalBounds(feature, lower, upper, includesMissing);
  const conditions: RuleCondition[] = [];
  const low = lower && shortThreshold(lower.lo, lower.hi);
  const up = upper && shortThreshold(upper.lo, upper.hi);
  if (low !== undefined) conditions.push({ feature: name, op: ">", value: low, includesMissing });
  if (up !== undefined) conditions.push({ feature: name, op: "<=", value: up, includesMissing });
  const text =
    low !== undefined && up !== undefined
      ? `${low} < ${name} ≤ ${up}`
      : low !== undefined
        ? `${name} > ${low}`
        : `${name} ≤ ${up}`;
  return { conditions, text: text + note };
}

/** Ordinal bounds read as values of the column: "≥ 3", "≤ 2", "= 1", "2 ≤ x ≤ 3". */
function ordinalBounds(
  feature: NumericRuleFeature,
  lower: PathCondition | undefined,
  upper: PathCondition | undefined,
  includesMissing: boolean,
): Described {
  const { min, max, labels } = feature.ordinal!;
  const show = (v: number): number | string => (labels ? (labels[v - 1] ?? v) : v);
  const text = (v: number) => (labels ? showLevel(String(show(v))) : String(v));
  const name = feature.name;
  const note = includesMissing ? MISSING_NOTE : "";
  let from = lower?.hi;
  let to = upper?.lo;
  if (from === undefined && to === min) from = min;
  if (to === undefined && from === max) to = max;
  if (from !== undefined && from === to) {
    return {
      conditions: [{ feature: name, op: "=", value: show(from), includesMissing }],
      text: `${name} = ${text(from)}${note}`,
    };
  }
  const conditions: RuleCondition[] = [];
  if (from !== undefined) conditions.push({ feature: name, op: ">=", value: show(from), includesMissing });
  if (to !== undefined) conditions.push({ feature: name, op: "<=", value: show(to), includesMissing });
  const body =
    from !== undefined && to !== undefined
      ? `${text(from)} ≤ ${name} ≤ ${text(to)}`
      : from !== undefined
        ? `${name} ≥ ${text(from)}`
        : `${name} ≤ ${text(to!)}`;
  return { conditions, text: body + note };
}

/** "= a" wins over any "≠"; several "≠" read as "not in {…}"; a binary "≠ a" reads as "= b". */
function levelConditions(feature: LevelRuleFeature, path: PathCondition[]): Described {
  const name = feature.name;
  const equal = path.find((c) => c.op === "=");
  const level = (code: number) => feature.levels[code] ?? "";
  if (equal) {
    const value = level(equal.code);
    return {
      conditions: [{ feature: name, op: "=", value, includesMissing: false }],
      text: `${name} = ${showLevel(value)}`,
    };
  }
  const excluded = [...new Set(path.map((c) => c.code))];
  if (feature.binary && !feature.hasMissing && excluded.length === 1 && feature.levels.length === 2) {
    const value = level(1 - excluded[0]!);
    return {
      conditions: [{ feature: name, op: "=", value, includesMissing: false }],
      text: `${name} = ${showLevel(value)}`,
    };
  }
  const values = excluded.map(level);
  return {
    conditions: values.map((value) => ({ feature: name, op: "!=", value, includesMissing: true })),
    text:
      values.length === 1
        ? `${name} ≠ ${showLevel(values[0]!)}`
        : `${name} not in {${values.map(showLevel).join(", ")}}`,
  };
}

/**
 * A leaf's path as a readable rule: conditions on the same feature are merged into the tightest
 * bounds, features appear in the order the tree first split on them, joined by "and".
 */
export function describePath(
  path: readonly PathCondition[],
  features: readonly RuleFeature[],
): { rule: string; conditions: RuleCondition[] } {
  const byFeature = new Map<number, PathCondition[]>();
  for (const c of path) {
    const list = byFeature.get(c.feature);
    if (list) list.push(c);
    else byFeature.set(c.feature, [c]);
  }
  const parts: Described[] = [];
  for (const [f, conditions] of byFeature) {
    const feature = features[f]!;
    parts.push(
      feature.type === "numeric" ? numericBounds(feature, conditions) : levelConditions(feature, conditions),
    );
  }
  return {
    rule: parts.length === 0 ? "all rows" : parts.map((p) => p.text).join(" and "),
    conditions: parts.flatMap((p) => p.conditions),
  };
}
