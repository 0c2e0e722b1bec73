import { beforeAll, describe, expect, it } from "vitest";
import { isKindredError } from "../errors/index.ts";
import { type TsneResult, tsne } from "./index.ts";
import { gaussianMixture, neighbourAgreement, sklearnFixture, toPoints } from "./test-fixtures.ts";
import { jointProbabilities } from "./tsne-affinities.ts";
import { TsneGradient } from "./tsne-gradient.ts";
import type { Points } from "./types.ts";

const fixture = sklearnFixture().tsne;
const blobs = toPoints(fixture);

function fieldOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (isKindredError(error, "INVALID_CONFIG")) return error.location.field;
    throw error;
  }
  return undefined;
}

function relativeL2(ours: Float64Array, theirs: number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < theirs.length; i++) {
    num += ((ours[i] as number) - (theirs[i] as number)) ** 2;
    den += (theirs[i] as number) ** 2;
  }
  return Math.sqrt(num / den);
}

describe("t-SNE pieces against scikit-learn 1.2 (500 × 10, four blobs, perplexity 30)", () => {
  const P = jointProbabilities(blobs, fixture.perplexity);

  it("builds the same joint probabilities P (kNN, perplexity search, symmetrised)", () => {
    expect(P.values.length).toBe(fixture.pNonZeros);
    let total = 0;
    let worst = 0;
    let sorted = true;
    for (let i = 0; i < fixture.rows; i++) {
      let sum = 0;
      for (let at = P.rowStart[i] as number; at < (P.rowStart[i + 1] as number); at++) {
        sum += P.values[at] as number;
        if (at > (P.rowStart[i] as number) && (P.cols[at] as number) <= (P.cols[at - 1] as number))
          sorted = false;
      }
      total += sum;
      worst = Math.max(worst, Math.abs(sum / (fixture.pRowSums[i] as number) - 1));
    }
    // scikit-learn keeps P in float32: ~1e-6 is the most to expect.
    expect(worst).toBeLessThan(1e-5);
    expect(sorted).toBe(true);
    expect(total).toBeCloseTo(1, 12);
  });

  it("evaluates the same Barnes–Hut (θ = 0.5) and exact (θ = 0) gradient and error", () => {
    const y = Float64Array.from(Float32Array.from(fixture.embedding));
    const grad = new Float64Array(2 * fixture.rows);
    const gradient = new TsneGradient(fixture.rows);
    for (const [key, theta] of [
      ["bh", 0.5],
      ["exact", 0],
    ] as const) {
      const error = gradient.evaluate(P, y, theta, 1, grad, true);
      // scikit-learn accumulates in float32: agreement to ~1e-6 is the most to expect.
      expect(relativeL2(grad, fixture.gradient[key])).toBeLessThan(1e-4);
      expect(Math.abs(error / fixture.error[key] - 1)).toBeLessThan(1e-4);
    }
  });
});

describe("tsne", () => {
  const shares: number[] = [];
  let result: TsneResult;
  beforeAll(() => {
    result = tsne(blobs, { perplexity: 30, onProgress: (share) => shares.push(share) });
  });

  it("ends within 10 % of scikit-learn's kl_divergence_ (init pca, same input)", () => {
    const expected = fixture.klDivergence.pca;
    expect(Math.abs(result.klDivergence / expected - 1)).toBeLessThan(0.1);
    expect(result.iterations).toBe(fixture.nIter.pca + 1);
  });

  it("keeps each point's 5 nearest 2-D neighbours in its blob", () => {
    expect(result.embedding).toHaveLength(2 * fixture.rows);
    expect(result.embedding.every(Number.isFinite)).toBe(true);
    expect(neighbourAgreement(result.embedding, fixture.labels, 5)).toBeGreaterThanOrEqual(0.9);
  });

  it("reports rising progress ending at 1", () => {
    expect(shares.length).toBeGreaterThan(50);
    expect(shares.every((s, i) => i === 0 || s > (shares[i - 1] as number))).toBe(true);
    expect(shares.at(-1)).toBe(1);
  });

  it("is deterministic: init pca always, init random for a given seed", () => {
    const { points } = gaussianMixture({ rows: 60, cols: 6, clusters: 3, separation: 4, seed: 5 });
    const options = { perplexity: 5, iterations: 250 };
    expect(tsne(points, options).embedding).toEqual(tsne(points, options).embedding);
    const random = { ...options, init: "random" as const };
    const a = tsne(points, { ...random, seed: 1 });
    expect(tsne(points, { ...random, seed: 1 }).embedding).toEqual(a.embedding);
    expect(tsne(points, { ...random, seed: 2 }).embedding).not.toEqual(a.embedding);
  });
});

describe("tsne input errors", () => {
  const small: Points = {
    data: Float32Array.from({ length: 60 }, (_, i) => (i * 7) % 11),
    rows: 20,
    cols: 3,
  };

  it("refuses a perplexity too large for the rows, naming perplexity", () => {
    expect(fieldOf(() => tsne(small, { perplexity: 6.5 }))).toBe("perplexity");
    expect(() => tsne(small, { perplexity: 30 })).toThrow(/below \(rows − 1\) \/ 3 = 6.33/);
    expect(fieldOf(() => tsne(small, { perplexity: 0.5 }))).toBe("perplexity");
    expect(fieldOf(() => tsne(small, { perplexity: 6, iterations: 250 }))).toBeUndefined();
  });

  it("refuses constant embeddings and fewer than 2 rows", () => {
    const constant = { data: new Float32Array(300).fill(2), rows: 100, cols: 3 };
    expect(fieldOf(() => tsne(constant, { perplexity: 5 }))).toBe("points");
    expect(() => tsne(constant, { perplexity: 5 })).toThrow(/embeddings are constant/);
    expect(() => tsne({ data: new Float32Array(3), rows: 1, cols: 3 })).toThrow(/at least 2 rows/);
  });

  it("names every other bad option", () => {
    const bad: [string, object][] = [
      ["iterations", { iterations: 100 }],
      ["earlyExaggeration", { earlyExaggeration: 0.5 }],
      ["learningRate", { learningRate: 0 }],
      ["theta", { theta: 1.5 }],
      ["init", { init: "spectral" }],
      ["seed", { seed: 0.5 }],
    ];
    for (const [field, options] of bad) {
      expect(fieldOf(() => tsne(small, { perplexity: 5, ...options }))).toBe(field);
    }
  });
});
