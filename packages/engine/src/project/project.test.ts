import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isKindredError } from "../errors/index.ts";
import { gatherRows, pca, sampleRows, transformPca, tsne, umap } from "./index.ts";
import type { Points } from "./types.ts";

const fixture = JSON.parse(
  readFileSync(new URL("./__fixtures__/project-sklearn.json", import.meta.url), "utf8"),
) as {
  pca: {
    data: number[];
    rows: number;
    cols: number;
    explainedVarianceRatio: number[];
    components: number[][];
  };
  tsne: { data: number[]; rows: number; cols: number; labels: number[]; klDivergence: number };
};
const points = (f: { data: number[]; rows: number; cols: number }): Points => ({
  data: Float32Array.from(f.data),
  rows: f.rows,
  cols: f.cols,
});

/** Share of points whose k nearest 2-D neighbours mostly carry their own label. */
function neighbourAgreement(coords: Float32Array, labels: number[], k = 5): number {
  const n = labels.length;
  let agree = 0;
  for (let i = 0; i < n; i++) {
    const d = labels.map((_, j) =>
      j === i
        ? Number.POSITIVE_INFINITY
        : ((coords[2 * i] as number) - (coords[2 * j] as number)) ** 2 +
          ((coords[2 * i + 1] as number) - (coords[2 * j + 1] as number)) ** 2,
    );
    const nearest = d
      .map((v, j) => [v, j] as const)
      .sort((a, b) => a[0] - b[0])
      .slice(0, k);
    agree += nearest.filter(([, j]) => labels[j] === labels[i]).length / k;
  }
  return agree / n;
}

describe("pca", () => {
  it("matches scikit-learn's explained variance ratio and components", () => {
    const result = pca(points(fixture.pca), { components: 2 });
    result.explainedVarianceRatio.forEach((v, i) => {
      expect(v).toBeCloseTo(fixture.pca.explainedVarianceRatio[i] as number, 8);
    });
    fixture.pca.components.forEach((component, k) => {
      // same axis up to sign
      const dot = component.reduce((s, v, c) => s + v * (result.components[k * 32 + c] as number), 0);
      expect(Math.abs(dot)).toBeCloseTo(1, 6);
    });
    expect(transformPca(result, points(fixture.pca))).toEqual(result.projection);
  });

  it("refuses constant embeddings and too few rows", () => {
    const constant = { data: new Float32Array(40).fill(0.5), rows: 10, cols: 4 };
    expect(() => pca(constant)).toThrow(/constant/);
    expect(() => pca({ data: new Float32Array(4), rows: 1, cols: 4 })).toThrow(/at least 2 rows/);
  });
});

describe("tsne", () => {
  it("ends within 10 % of scikit-learn's KL divergence and keeps blobs together", async () => {
    const result = await tsne(points(fixture.tsne), { perplexity: 30 });
    expect(
      Math.abs(result.klDivergence - fixture.tsne.klDivergence) / fixture.tsne.klDivergence,
    ).toBeLessThan(0.1);
    expect(neighbourAgreement(result.embedding, fixture.tsne.labels)).toBeGreaterThan(0.9);
    expect(result.embedding.every(Number.isFinite)).toBe(true);
  });

  it("refuses a perplexity at or above the row count", async () => {
    const small = { data: new Float32Array(20 * 3).map((_, i) => i % 7), rows: 20, cols: 3 };
    await expect(tsne(small, { perplexity: 20 })).rejects.toSatisfy((e) =>
      isKindredError(e, "INVALID_CONFIG"),
    );
  });
});

describe("umap", () => {
  it("is seeded and keeps blobs apart", async () => {
    const sample = sampleRows(fixture.tsne.rows, 300, 1);
    const subset = gatherRows(points(fixture.tsne), sample);
    const labels = Array.from(sample, (r) => fixture.tsne.labels[r] as number);
    const a = await umap(subset, { seed: 3, nEpochs: 100 });
    const b = await umap(subset, { seed: 3, nEpochs: 100 });
    expect(a.embedding).toEqual(b.embedding);
    expect(a.embedding).toHaveLength(600);
    expect(neighbourAgreement(a.embedding, labels)).toBeGreaterThan(0.9);
  });
});

describe("sampleRows", () => {
  it("draws sorted, distinct rows deterministically", () => {
    const s = sampleRows(1000, 100, 7);
    expect(s).toHaveLength(100);
    expect(new Set(s).size).toBe(100);
    expect(Array.from(s)).toEqual([...s].sort((x, y) => x - y));
    expect(sampleRows(1000, 100, 7)).toEqual(s);
    expect(sampleRows(50, 100, 7)).toHaveLength(50);
  });
});
