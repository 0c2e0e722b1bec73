import { describe, expect, it } from "vitest";
import { isKindredError } from "../errors/index.ts";
import { gatherRows, sampleRows, umap } from "./index.ts";
import { neighbourAgreement, sklearnFixture, toPoints } from "./test-fixtures.ts";

const fixture = sklearnFixture().tsne;
const rows = sampleRows(fixture.rows, 200, 1);
const points = gatherRows(toPoints(fixture), rows);
const labels = Array.from(rows, (r) => fixture.labels[r] as number);

async function fieldOf(work: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await work();
  } catch (error) {
    if (isKindredError(error, "INVALID_CONFIG")) return error.location.field;
    throw error;
  }
  return undefined;
}

describe("umap (umap-js, seeded)", () => {
  it("maps n × 2 finite points, the same for the same seed, keeping blobs apart", async () => {
    const shares: number[] = [];
    const a = await umap(points, { seed: 3, nEpochs: 100, onProgress: (share) => shares.push(share) });
    const b = await umap(points, { seed: 3, nEpochs: 100 });
    expect(a.embedding).toHaveLength(2 * points.rows);
    expect(a.embedding.every(Number.isFinite)).toBe(true);
    expect(b.embedding).toEqual(a.embedding);
    expect(neighbourAgreement(a.embedding, labels, 5)).toBeGreaterThanOrEqual(0.9);
    expect(shares).toHaveLength(100);
    expect(shares.at(-1)).toBe(1);
  });

  it("refuses bad input, naming the field", async () => {
    const constant = { data: new Float32Array(90).fill(1), rows: 30, cols: 3 };
    expect(await fieldOf(() => umap(constant))).toBe("points");
    expect(await fieldOf(() => umap({ data: new Float32Array(3), rows: 1, cols: 3 }))).toBe("points");
    const few = gatherRows(points, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await fieldOf(() => umap(few))).toBe("nNeighbors");
    expect(await fieldOf(() => umap(points, { minDist: 2 }))).toBe("minDist");
    expect(await fieldOf(() => umap(points, { nEpochs: 0 }))).toBe("nEpochs");
  });
});
