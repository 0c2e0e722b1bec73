import { describe, expect, it } from "vitest";
import type { FeatureGroup } from "../features/index.ts";
import { DEFAULT_MLP_CONFIG, initBackend, type Matrix, trainClassifier } from "../model/index.ts";
import { syntheticDataset } from "../model/test-fixtures.ts";
import { createRng } from "../random/index.ts";
import { failure } from "../test-support/errors.ts";
import { globalImportance, type Predictor, shapValues, summarizeBackground } from "./index.ts";
import type { Background } from "./types.ts";

/** Groups of the given widths tiling the columns in order: f0, f1, … */
function groupsOf(widths: number[]): FeatureGroup[] {
  let start = 0;
  return widths.map((w, i) => {
    const group = { feature: `f${i}`, start, end: start + w };
    start += w;
    return group;
  });
}

function matrix(rows: number[][]): Matrix {
  const cols = rows[0]?.length ?? 0;
  return { data: Float32Array.from(rows.flat()), rows: rows.length, cols };
}

function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const rng = createRng(seed);
  return { data: Float32Array.from({ length: rows * cols }, () => rng() * 4 - 2), rows, cols };
}

/** A row-wise predictor from a function of one row. */
function rowWise(f: (row: Float32Array) => number): Predictor {
  return (x) => {
    const out = new Float64Array(x.rows);
    for (let r = 0; r < x.rows; r++) out[r] = f(x.data.subarray(r * x.cols, (r + 1) * x.cols));
    return out;
  };
}

/**
 * Reference Shapley values straight from the definition: the average, over all M! orders in
 * which the features can join, of the change each feature makes when it joins, with
 * v(S) = Σ_b w_b f(x_S, b_rest) computed one hybrid row at a time.
 */
function bruteForceShapley(
  f: Predictor,
  x: Float32Array,
  groups: FeatureGroup[],
  background: Background,
): number[] {
  const m = groups.length;
  const total = background.weights.reduce((a, b) => a + b, 0);
  const memo = new Map<string, number>();
  const value = (coalition: Set<number>) => {
    const key = [...coalition].sort().join(",");
    const known = memo.get(key);
    if (known !== undefined) return known;
    let sum = 0;
    for (let b = 0; b < background.data.rows; b++) {
      const row = background.data.data.slice(b * x.length, (b + 1) * x.length);
      for (const g of coalition) {
        const { start, end } = groups[g] as FeatureGroup;
        for (let c = start; c < end; c++) row[c] = x[c] as number;
      }
      const out = f({ data: row, rows: 1, cols: x.length });
      sum += ((background.weights[b] as number) / total) * (out[0] as number);
    }
    memo.set(key, sum);
    return sum;
  };
  const phi = new Array<number>(m).fill(0);
  let orders = 0;
  const permute = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) {
      orders++;
      const joined = new Set<number>();
      let previous = value(joined);
      for (const g of prefix) {
        joined.add(g);
        const current = value(joined);
        phi[g] = (phi[g] as number) + current - previous;
        previous = current;
      }
      return;
    }
    for (const [i, g] of rest.entries()) permute([...prefix, g], [...rest.slice(0, i), ...rest.slice(i + 1)]);
  };
  permute([], [...groups.keys()]);
  return phi.map((p) => p / orders);
}

/** Every value of `result` is within `tolerance` of the definition's. */
function expectDefinition(
  result: { values: Float64Array },
  f: Predictor,
  x: Matrix,
  groups: FeatureGroup[],
  background: Background,
  tolerance: number,
): void {
  for (let r = 0; r < x.rows; r++) {
    const reference = bruteForceShapley(f, x.data.subarray(r * x.cols, (r + 1) * x.cols), groups, background);
    reference.forEach((phi, i) => {
      expect(Math.abs((result.values[r * groups.length + i] as number) - phi)).toBeLessThan(tolerance);
    });
  }
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** A nonlinear model over 8 encoded columns in 5 features (one 3-column one-hot, one 2-column). */
const nonlinear = rowWise((r) => {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, g = 0, h = 0, k = 0] = r;
  return sigmoid(0.8 * a * d - Math.tanh(b) + 0.5 * c * c + 1.2 * e * g - 0.7 * h + 0.3 * k * a);
});
const nonlinearGroups = groupsOf([1, 3, 2, 1, 1]);

function weightedBackground(rows: number, cols: number, seed: number): Background {
  const rng = createRng(seed + 1);
  return {
    data: randomMatrix(rows, cols, seed),
    weights: Float64Array.from({ length: rows }, () => 0.5 + rng()),
    rows: Int32Array.from({ length: rows }, (_, i) => i),
    method: "sample",
  };
}

describe("shapValues: exact enumeration", () => {
  it("equals Shapley values computed from their definition (all M! orders) within 1e-9", () => {
    const background = weightedBackground(5, 8, 3);
    const x = randomMatrix(4, 8, 11);
    const result = shapValues(
      { predictor: nonlinear, x, groups: nonlinearGroups, background },
      { method: "exact" },
    );
    expect(result.method).toBe("exact");
    expect(result.features).toEqual(["f0", "f1", "f2", "f3", "f4"]);
    expectDefinition(result, nonlinear, x, nonlinearGroups, background, 1e-9);
  });

  it("equals the definition on a trained TensorFlow.js network with 7 features within 1e-6", async () => {
    await initBackend("auto");
    const data = syntheticDataset({
      rows: 400,
      cols: 7,
      seed: 5,
      score: (r) => (r[0] as number) * (r[1] as number) + Math.abs(r[2] as number) - (r[3] as number),
    });
    const model = await trainClassifier(
      data.x,
      data.labels,
      { train: data.train, val: data.val },
      { ...DEFAULT_MLP_CONFIG, hiddenUnits: [16], embeddingDim: 8, maxEpochs: 3, seed: 1 },
    );
    try {
      const predictor: Predictor = (m) => model.predict(m);
      const groups = groupsOf([1, 1, 1, 1, 1, 1, 1]);
      const background = summarizeBackground(data.x, data.train, { size: 6, seed: 2 });
      const x: Matrix = { data: data.x.data.slice(0, 3 * 7), rows: 3, cols: 7 };
      const result = shapValues({ predictor, x, groups, background }, { method: "auto" });
      expect(result.method).toBe("exact");
      expectDefinition(result, predictor, x, groups, background, 1e-6);
    } finally {
      model.dispose();
    }
  });
});

describe("shapValues: rows that share features with the background", () => {
  it("score each distinct hybrid row once and still equal the definition", () => {
    // One-hot and binary groups: x agrees with most background rows on most features.
    const groups = groupsOf([3, 1, 1, 2, 1]);
    const rows = [
      [1, 0, 0, 1, 0, 1, 0, 0.5],
      [0, 1, 0, 1, 1, 0, 1, -0.5],
      [1, 0, 0, 0, 0, 1, 0, 1.5],
      [0, 0, 1, 1, 1, 0, 1, 0.5],
    ];
    const background: Background = {
      data: matrix(rows),
      weights: Float64Array.of(0.4, 0.3, 0.2, 0.1),
      rows: Int32Array.of(0, 1, 2, 3),
      method: "sample",
    };
    const f = rowWise((r) =>
      sigmoid(
        (r[0] as number) * (r[3] as number) * 1.5 -
          (r[2] as number) +
          (r[4] as number) * (r[7] as number) -
          0.4 * (r[5] as number),
      ),
    );
    const x = matrix([
      [1, 0, 0, 1, 1, 0, 1, 0.5],
      [0, 0, 1, 0, 0, 1, 0, 1.5],
    ]);
    const result = shapValues({ predictor: f, x, groups, background }, { method: "exact" });
    expectDefinition(result, f, x, groups, background, 1e-12);
    // 2 rows × 30 inner coalitions × 4 background rows would be 240 hybrids without sharing.
    expect(result.evaluations - 4 - 2).toBeLessThan(120);
  });
});

describe("shapValues: a linear model with independent features", () => {
  // f(x) = c + Σ w_j x_j: the Shapley value of a feature is Σ_{j in it} w_j (x_j − E_b[x_j]).
  const w = [0.5, -1.25, 2, 0.75, -0.3, 1.1];
  const linear = rowWise((r) => 0.2 + w.reduce((s, wj, j) => s + wj * (r[j] as number), 0));
  const groups = groupsOf([1, 2, 1, 2]);
  const background = weightedBackground(7, 6, 9);
  const x = randomMatrix(3, 6, 21);
  const total = background.weights.reduce((a, b) => a + b, 0);
  const expectation = w.map((_, j) => {
    let s = 0;
    for (let b = 0; b < 7; b++)
      s += ((background.weights[b] as number) / total) * (background.data.data[b * 6 + j] as number);
    return s;
  });

  for (const method of ["exact", "permutation"] as const) {
    it(`${method}: φ = w·(x − E[x]) per feature within 1e-9`, () => {
      const result = shapValues({ predictor: linear, x, groups, background }, { method, permutations: 2 });
      for (let r = 0; r < 3; r++) {
        groups.forEach((group, g) => {
          let expected = 0;
          for (let j = group.start; j < group.end; j++) {
            expected += (w[j] as number) * ((x.data[r * 6 + j] as number) - (expectation[j] as number));
          }
          expect(result.values[r * 4 + g]).toBeCloseTo(expected, 9);
        });
      }
    });
  }
});

describe("shapValues: permutation sampling", () => {
  it("is additive: base value + Σ φ = prediction within 1e-9 (12 features)", () => {
    const groups = groupsOf(Array(12).fill(1));
    const f = rowWise((r) =>
      sigmoid(r.reduce((s, v, i) => s + Math.sin(v * (i + 1)) * (r[(i + 3) % 12] as number), 0)),
    );
    const background = weightedBackground(6, 12, 4);
    const x = randomMatrix(5, 12, 8);
    const result = shapValues({ predictor: f, x, groups, background });
    expect(result.method).toBe("permutation");
    expect(result.permutations).toBe(32);
    for (let r = 0; r < 5; r++) {
      let sum = result.baseValue;
      for (let i = 0; i < 12; i++) sum += result.values[r * 12 + i] as number;
      expect(sum).toBeCloseTo(result.predictions[r] as number, 9);
    }
    // At most 32 orders × 11 inner coalitions × 6 background rows per row, plus base and
    // predictions; repeated coalitions (e.g. the same first feature) are scored once.
    expect(result.evaluations).toBeLessThan(5 * 32 * 11 * 6 + 6 + 5);
  });

  it("is exact for models whose features interact at most in pairs (antithetic orders)", () => {
    const f = rowWise(
      (r) =>
        (r[0] as number) * (r[1] as number) - 2 * (r[2] as number) * (r[4] as number) + (r[3] as number) ** 3,
    );
    const groups = groupsOf([1, 1, 1, 1, 1]);
    const background = weightedBackground(4, 5, 1);
    const x = randomMatrix(3, 5, 2);
    const exact = shapValues({ predictor: f, x, groups, background }, { method: "exact" });
    const sampled = shapValues(
      { predictor: f, x, groups, background },
      { method: "permutation", permutations: 2 },
    );
    exact.values.forEach((v, i) => {
      expect(sampled.values[i]).toBeCloseTo(v, 9);
    });
  });

  it("converges to the exact values as permutations grow, and is reproducible by seed and row key", () => {
    const background = weightedBackground(5, 8, 3);
    const x = randomMatrix(6, 8, 12);
    const input = { predictor: nonlinear, x, groups: nonlinearGroups, background };
    const exact = shapValues(input, { method: "exact" });
    const error = (permutations: number) => {
      const sampled = shapValues(input, { method: "permutation", permutations, seed: 7 });
      return Math.max(...sampled.values.map((v, i) => Math.abs(v - (exact.values[i] as number))));
    };
    const coarse = error(2);
    const fine = error(2000);
    expect(fine).toBeLessThan(coarse / 4);
    expect(fine).toBeLessThan(0.01);

    const again = shapValues(input, { method: "permutation", seed: 7 });
    expect(again.values).toEqual(shapValues(input, { method: "permutation", seed: 7 }).values);
    expect(shapValues(input, { method: "permutation", seed: 8 }).values).not.toEqual(again.values);
    // Row 4 explained alone, keyed as in the batch, gets the same values.
    const alone = shapValues(
      { ...input, x: { data: x.data.slice(4 * 8, 5 * 8), rows: 1, cols: 8 }, rowKeys: [4] },
      { method: "permutation", seed: 7 },
    );
    expect(Array.from(alone.values)).toEqual(Array.from(again.values.subarray(4 * 5, 5 * 5)));
  });
});

describe("shapValues: bad input", () => {
  const background = weightedBackground(3, 8, 1);
  const x = randomMatrix(2, 8, 2);
  const expectError = (run: () => unknown, field: string) => {
    expect(failure(run).location.field).toBe(field);
  };
  it("names the field", () => {
    expectError(
      () => shapValues({ predictor: nonlinear, x, groups: groupsOf([1, 3, 2]), background }),
      "groups",
    );
    expectError(
      () =>
        shapValues({
          predictor: nonlinear,
          x,
          groups: [
            ...nonlinearGroups.slice(0, 2),
            { feature: "f2", start: 3, end: 6 },
            ...nonlinearGroups.slice(3),
          ],
          background,
        }),
      "groups[2]",
    );
    expectError(
      () =>
        shapValues({
          predictor: nonlinear,
          x,
          groups: nonlinearGroups,
          background: { ...background, weights: Float64Array.of(1, 0, 1) },
        }),
      "background.weights[1]",
    );
    expectError(
      () =>
        shapValues({
          predictor: nonlinear,
          x: randomMatrix(2, 7, 1),
          groups: groupsOf([1, 3, 2, 1]),
          background,
        }),
      "background.cols",
    );
    expectError(
      () =>
        shapValues(
          { predictor: nonlinear, x, groups: nonlinearGroups, background },
          { method: "permutation", permutations: 3 },
        ),
      "permutations",
    );
    expectError(
      () =>
        shapValues(
          {
            predictor: rowWise(() => 0),
            x: randomMatrix(1, 21, 1),
            groups: groupsOf(Array(21).fill(1)),
            background: weightedBackground(2, 21, 1),
          },
          { method: "exact" },
        ),
      "method",
    );
    expectError(
      () => shapValues({ predictor: () => [0.5], x, groups: nonlinearGroups, background }),
      "predictor",
    );
  });
});

describe("summarizeBackground", () => {
  it("keeps every distinct row, weighted by multiplicity, when there are few", () => {
    const x = matrix([
      [1, 2],
      [3, 4],
      [1, 2],
      [5, 6],
      [1, 2],
    ]);
    const bg = summarizeBackground(x, [0, 1, 2, 3, 4], { size: 3 });
    expect(bg.method).toBe("all");
    expect(Array.from(bg.rows)).toEqual([0, 1, 3]);
    expect(Array.from(bg.weights)).toEqual([0.6, 0.2, 0.2]);
  });

  it("k-means: real rows (the member nearest each centroid) weighted by cluster share", () => {
    const x = randomMatrix(300, 4, 5);
    const rows = Array.from({ length: 200 }, (_, i) => i + 50);
    const bg = summarizeBackground(x, rows, { size: 8, seed: 3 });
    expect(bg.method).toBe("kmeans");
    expect(bg.data.rows).toBe(8);
    expect(bg.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (const [i, r] of bg.rows.entries()) {
      expect(rows).toContain(r);
      expect(Array.from(bg.data.data.subarray(i * 4, i * 4 + 4))).toEqual(
        Array.from(x.data.subarray(r * 4, r * 4 + 4)),
      );
    }
    expect(summarizeBackground(x, rows, { size: 8, seed: 3 }).rows).toEqual(bg.rows);
  });

  it("sample: a seeded uniform sample with equal weights", () => {
    const x = randomMatrix(100, 3, 6);
    const bg = summarizeBackground(
      x,
      Array.from({ length: 100 }, (_, i) => i),
      { size: 10, method: "sample", seed: 1 },
    );
    expect(bg.data.rows).toBe(10);
    expect(new Set(bg.weights)).toEqual(new Set([0.1]));
  });
});

describe("globalImportance", () => {
  it("is the mean |SHAP| per feature, largest first, with the mean signed value", () => {
    const importance = globalImportance({
      features: ["a", "b"],
      values: Float64Array.of(0.1, -0.4, -0.3, 0.2),
    });
    expect(importance.map((f) => f.feature)).toEqual(["b", "a"]);
    expect(importance[0]?.meanAbs).toBeCloseTo(0.3, 12);
    expect(importance[0]?.mean).toBeCloseTo(-0.1, 12);
    expect(importance[1]?.meanAbs).toBeCloseTo(0.2, 12);
    expect(importance[1]?.mean).toBeCloseTo(-0.1, 12);
  });
});
