import { describe, expect, it } from "vitest";
import { isKindredError } from "../errors/index.ts";
import { symmetricEigen } from "./eigen.ts";
import { pca, transformPca } from "./index.ts";
import { sklearnFixture, toPoints } from "./test-fixtures.ts";

const fixture = sklearnFixture().pca;
const points = toPoints(fixture);
const d = fixture.cols;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (isKindredError(error)) return `${error.code} ${error.location.field ?? ""}`.trim();
    throw error;
  }
  return undefined;
}

describe("pca against scikit-learn 1.2 (400 × 32, correlated columns)", () => {
  const result = pca(points, { components: 2 });

  it("matches explained_variance_ratio_ for all 32 components (≈1e-10)", () => {
    expect(result.explainedVarianceRatio).toHaveLength(d);
    expect(maxAbsDiff(result.explainedVarianceRatio, fixture.explainedVarianceRatio)).toBeLessThan(1e-9);
    result.explainedVariance.forEach((v, i) => {
      const expected = fixture.explainedVariance[i] as number;
      expect(Math.abs(v - expected)).toBeLessThan(1e-8 * (fixture.explainedVariance[0] as number));
    });
    expect(maxAbsDiff(result.mean, fixture.mean)).toBeLessThan(1e-9);
  });

  it("finds components_[0] and [1] up to sign, with the largest entry positive", () => {
    for (let k = 0; k < 2; k++) {
      const ours = result.components.subarray(k * d, (k + 1) * d);
      const theirs = fixture.components.slice(k * d, (k + 1) * d);
      const sign = Math.sign(theirs.reduce((s, v, c) => s + v * (ours[c] as number), 0));
      expect(
        maxAbsDiff(
          ours,
          theirs.map((v) => sign * v),
        ),
      ).toBeLessThan(1e-6);
      const largest = Array.from(ours).reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
      expect(largest).toBeGreaterThan(0);
    }
  });

  it("projects onto orthonormal components whose variances are the explained variances", () => {
    const [c0, c1] = [result.components.subarray(0, d), result.components.subarray(d, 2 * d)];
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * (b[i] as number), 0);
    expect(dot(c0, c0)).toBeCloseTo(1, 12);
    expect(dot(c1, c1)).toBeCloseTo(1, 12);
    expect(dot(c0, c1)).toBeCloseTo(0, 12);
    expect(result.projection).toHaveLength(points.rows * 2);
    for (let k = 0; k < 2; k++) {
      let sum = 0;
      for (let r = 0; r < points.rows; r++) sum += (result.projection[r * 2 + k] as number) ** 2;
      const variance = sum / (points.rows - 1);
      expect(Math.abs(variance / (result.explainedVariance[k] as number) - 1)).toBeLessThan(1e-5);
    }
  });

  it("transforms new rows with the fitted model", () => {
    expect(transformPca(result, points)).toEqual(result.projection);
    const row = { data: points.data.slice(5 * d, 6 * d), rows: 1, cols: d };
    expect(Array.from(transformPca(result, row))).toEqual(Array.from(result.projection.subarray(10, 12)));
    expect(codeOf(() => transformPca(result, { data: new Float32Array(4), rows: 1, cols: 4 }))).toBe(
      "ARTIFACT_MISMATCH points",
    );
  });

  it("keeps any number of components and sums the ratios to 1", () => {
    const all = pca(points, { components: d });
    expect(all.components).toHaveLength(d * d);
    expect(all.projection).toHaveLength(points.rows * d);
    expect(all.explainedVarianceRatio.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe("symmetricEigen", () => {
  it("recovers a known spectrum with orthonormal eigenvectors", () => {
    // A = Q diag(5, 2, 2, −1) Qᵀ with Q a product of rotations: a repeated and a negative eigenvalue.
    const n = 4;
    const q = new Float64Array(n * n);
    for (let i = 0; i < n; i++) q[i * n + i] = 1;
    const spin = (p: number, r: number, angle: number) => {
      const [c, s] = [Math.cos(angle), Math.sin(angle)];
      for (let k = 0; k < n; k++) {
        const [a, b] = [q[k * n + p] as number, q[k * n + r] as number];
        q[k * n + p] = c * a - s * b;
        q[k * n + r] = s * a + c * b;
      }
    };
    spin(0, 1, 0.3);
    spin(1, 2, 1.1);
    spin(0, 3, -0.7);
    const lambda = [5, 2, 2, -1];
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        for (let k = 0; k < n; k++)
          a[i * n + j] =
            (a[i * n + j] as number) + (q[i * n + k] as number) * lambda[k]! * (q[j * n + k] as number);
    const { values, vectors } = symmetricEigen(a, n);
    expect(maxAbsDiff(values, [5, 2, 2, -1])).toBeLessThan(1e-14);
    for (let k = 0; k < n; k++) {
      // A v = λ v
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += (a[i * n + j] as number) * (vectors[k * n + j] as number);
        expect(av).toBeCloseTo((values[k] as number) * (vectors[k * n + i] as number), 13);
      }
    }
  });
});

describe("pca input errors", () => {
  it("refuses constant embeddings", () => {
    const constant = { data: new Float32Array(40).fill(0.1), rows: 10, cols: 4 };
    expect(codeOf(() => pca(constant))).toBe("INVALID_CONFIG points");
    expect(() => pca(constant)).toThrow(/embeddings are constant/);
  });

  it("refuses fewer than 2 rows, non-finite values and a bad component count", () => {
    expect(codeOf(() => pca({ data: new Float32Array(4), rows: 1, cols: 4 }))).toBe("INVALID_CONFIG points");
    expect(() => pca({ data: new Float32Array(4), rows: 1, cols: 4 })).toThrow(/at least 2 rows/);
    const broken = Float32Array.from([1, 2, 3, Number.NaN, 5, 6]);
    expect(() => pca({ data: broken, rows: 3, cols: 2 })).toThrow(/row 2 \(index 1\), column 2 is NaN/);
    expect(codeOf(() => pca(points, { components: 33 }))).toBe("INVALID_CONFIG components");
    expect(codeOf(() => pca({ data: new Float32Array(5), rows: 2, cols: 3 }))).toBe("INVALID_CONFIG points");
  });
});
