import { describe, expect, it } from "vitest";
import type { ColumnSchema, DatasetSchema, RawTable } from "../data/types.ts";
import { column, tableOf } from "../test-support/schema.ts";
import { shortThreshold } from "./format-number.ts";
import {
  createRuleFinder,
  type DistinguishingRule,
  distinguishingRules,
  type RuleCondition,
} from "./index.ts";

/** Deterministic pseudo-random numbers in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const LETTERS = ["a", "b", "c", "d"];

/** 400 rows: x = 0..9, c = a..d, noise z; segment 1 is exactly x > 5 and c = "a" (40 rows). */
function planted(): { table: RawTable; schema: DatasetSchema; assignment: Int32Array } {
  const random = lcg(7);
  const rows: string[][] = [];
  const assignment = new Int32Array(400);
  for (let r = 0; r < 400; r++) {
    const x = r % 10;
    const c = LETTERS[Math.floor(r / 10) % 4]!;
    rows.push([String(x), c, random().toFixed(3)]);
    assignment[r] = x > 5 && c === "a" ? 1 : 0;
  }
  return {
    table: tableOf(["x", "c", "z"], rows),
    schema: {
      rowCount: 400,
      columns: [
        column("x", "numeric"),
        column("c", "categorical", { levels: LETTERS }),
        column("z", "numeric"),
      ],
    },
    assignment,
  };
}

/** Whether row r satisfies every condition (evaluated from the structured conditions alone). */
function matches(table: RawTable, schema: DatasetSchema, conditions: RuleCondition[], r: number): boolean {
  return conditions.every((c) => {
    const index = table.header.indexOf(c.feature);
    const raw = (table.columns[index]?.[r] ?? "").trim();
    const spec = schema.columns.find((s) => s.name === c.feature) as ColumnSchema;
    const missing = raw === "" || spec.missingMarkers.includes(raw) || spec.sentinels.includes(Number(raw));
    if (missing) return c.includesMissing;
    if (c.op === "=") return raw === String(c.value);
    if (c.op === "!=") return raw !== String(c.value);
    const v = Number(raw);
    const t = Number(c.value);
    return c.op === ">" ? v > t : c.op === ">=" ? v >= t : v <= t;
  });
}

/** Support, precision and recall recomputed from a rule's conditions. */
function recount(
  table: RawTable,
  schema: DatasetSchema,
  assignment: Int32Array,
  segment: number,
  rule: DistinguishingRule,
) {
  let support = 0;
  let hits = 0;
  let size = 0;
  for (let r = 0; r < table.rowCount; r++) {
    const inSegment = assignment[r] === segment;
    if (inSegment) size++;
    if (matches(table, schema, rule.conditions, r)) {
      support++;
      if (inSegment) hits++;
    }
  }
  return { support, precision: hits / support, recall: hits / size };
}

describe("distinguishingRules", () => {
  it("recovers a planted rule exactly, with precision and recall 1", () => {
    const { table, schema, assignment } = planted();
    const rules = distinguishingRules(table, schema, assignment, 1, { minLeaf: 5 });
    expect(rules).toHaveLength(1);
    const [rule] = rules as [DistinguishingRule];
    expect(["x > 5.5 and c = a", "c = a and x > 5.5"]).toContain(rule.rule);
    expect(rule).toMatchObject({ precision: 1, recall: 1, support: 40 });
    expect(rule.conditions).toEqual(
      expect.arrayContaining([
        { feature: "x", op: ">", value: 5.5, includesMissing: false },
        { feature: "c", op: "=", value: "a", includesMissing: false },
      ]),
    );
  });

  it("describes the rest of the rows too, and says nothing about an empty segment", () => {
    const { table, schema, assignment } = planted();
    const rules = distinguishingRules(table, schema, assignment, 0, { minLeaf: 5 });
    expect(rules.every((rule) => rule.precision === 1)).toBe(true);
    expect(rules.reduce((sum, rule) => sum + rule.recall, 0)).toBe(1);
    expect(distinguishingRules(table, schema, assignment, 5, { minLeaf: 5 })).toEqual([]);
  });

  it("reads ordinal splits as values of the column and binary '≠' as the other level", () => {
    const rows: string[][] = [];
    const assignment = new Int32Array(90);
    for (let r = 0; r < 90; r++) {
      const edu = (r % 3) + 1;
      const flag = r % 2 === 0 ? "no" : "yes";
      rows.push([String(edu), flag]);
      assignment[r] = edu === 1 && flag === "yes" ? 1 : 0;
    }
    const table = tableOf(["edu", "flag"], rows);
    const schema: DatasetSchema = {
      rowCount: 90,
      columns: [
        column("edu", "ordinal", { levels: ["1", "2", "3"] }),
        column("flag", "binary", { levels: ["no", "yes"] }),
      ],
    };
    const [rule] = distinguishingRules(table, schema, assignment, 1, { minLeaf: 5 });
    expect(["edu = 1 and flag = yes", "flag = yes and edu = 1"]).toContain(rule?.rule);
    expect(rule).toMatchObject({ precision: 1, recall: 1, support: 15 });
  });

  it("sends missing values to the better side and says so", () => {
    const rows: string[][] = [];
    const assignment = new Int32Array(200);
    for (let r = 0; r < 200; r++) {
      const missing = r % 10 === 0;
      const v = r % 20;
      rows.push([missing ? "NA" : String(v)]);
      assignment[r] = missing || v >= 15 ? 1 : 0;
    }
    const table = tableOf(["v"], rows);
    const schema: DatasetSchema = {
      rowCount: 200,
      columns: [column("v", "numeric", { missingMarkers: ["NA"] })],
    };
    const [rule] = distinguishingRules(table, schema, assignment, 1, { minLeaf: 5 });
    expect(rule).toMatchObject({ rule: "v > 14.5 (or missing)", precision: 1, recall: 1 });
    expect(rule?.conditions).toEqual([{ feature: "v", op: ">", value: 14.5, includesMissing: true }]);
  });

  it("reports precision, recall and support that the rule text reproduces exactly", () => {
    const random = lcg(11);
    const rows: string[][] = [];
    const assignment = new Int32Array(3000);
    for (let r = 0; r < 3000; r++) {
      const a = random() * 1000;
      const b = Math.floor(random() * 7);
      const c = LETTERS[Math.floor(random() * 4)]!;
      const d = random() < 0.1 ? "" : (random() * 50).toFixed(2);
      rows.push([a.toFixed(4), String(b), c, d]);
      // Overlapping segments with noise, so leaves are impure.
      const score = a / 1000 + b / 7 + (c === "b" ? 0.5 : 0) + random() * 0.6;
      assignment[r] = score < 0.9 ? 0 : score < 1.4 ? 1 : 2;
    }
    const table = tableOf(["a", "b", "c", "d"], rows);
    const schema: DatasetSchema = {
      rowCount: 3000,
      columns: [
        column("a", "numeric"),
        column("b", "ordinal", { levels: ["0", "1", "2", "3", "4", "5", "6"] }),
        column("c", "categorical", { levels: LETTERS }),
        column("d", "numeric", { missingMarkers: [""] }),
      ],
    };
    const finder = createRuleFinder(table, schema);
    for (const segment of [0, 1, 2]) {
      const rules = finder.rules(assignment, segment);
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) {
        expect(recount(table, schema, assignment, segment, rule)).toEqual({
          support: rule.support,
          precision: rule.precision,
          recall: rule.recall,
        });
        // Thresholds are short: at most 4 significant digits here.
        for (const c of rule.conditions) {
          if (typeof c.value === "number")
            expect(String(c.value).replace(/[-.]/g, "").replace(/^0+/, "").length).toBeLessThanOrEqual(4);
        }
      }
    }
  });

  it("rejects bad options and assignments with the field named", () => {
    const { table, schema, assignment } = planted();
    expect(() => distinguishingRules(table, schema, assignment, 1, { maxDepth: 0 })).toThrow(/maxDepth is 0/);
    expect(() => distinguishingRules(table, schema, assignment.subarray(1), 1)).toThrow(
      /399 entries but the table has 400 rows/,
    );
  });
});

describe("shortThreshold", () => {
  it("picks a short number between two adjacent values", () => {
    expect(shortThreshold(98, 99)).toBe(98.5);
    expect(shortThreshold(0.1, 0.2)).toBe(0.15);
    expect(shortThreshold(2.333333, 2.4)).toBe(2.367);
    expect(shortThreshold(123456, 123460)).toBe(123458);
    expect(shortThreshold(-1, 0)).toBe(-0.5);
    // 22.115 needs 5 digits; 22.11 itself is as exact (x ≤ 22.11 ⇔ x ≤ lo) and shorter.
    expect(shortThreshold(22.11, 22.12)).toBe(22.11);
  });
});
