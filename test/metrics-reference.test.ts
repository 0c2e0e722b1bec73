import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { ksStatistic, rocAuc } from "../packages/engine/src/metrics/index.ts";

interface Case {
  scores: number[];
  labels: number[];
  auc: number;
  ks: number;
}
const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/metrics-sklearn.json", import.meta.url), "utf8"),
) as {
  cases: Case[];
};

// Computed once with scikit-learn 1.2 / SciPy (test/fixtures/make-metrics-fixture.py), ties included.
it.each(fixture.cases.map((c, i) => [i, c] as const))(
  "case %i matches scikit-learn's AUC and SciPy's KS",
  (_, c) => {
    expect(rocAuc(c.scores, c.labels)).toBeCloseTo(c.auc, 12);
    expect(ksStatistic(c.scores, c.labels)).toBeCloseTo(c.ks, 12);
  },
);
