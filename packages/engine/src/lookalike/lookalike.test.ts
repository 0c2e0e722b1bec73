import { describe, expect, it } from "vitest";
import { isKindredError } from "../errors/index.ts";
import { createRng } from "../random/index.ts";
import { testPayload } from "../test-support/payload.ts";
import { ExactIndex, type IndexedPoint, lookalike, type PointPayload } from "./index.ts";

function point(id: number, vector: number[], extra: Partial<PointPayload> = {}): IndexedPoint {
  return { id, vectors: { mlp: Float32Array.from(vector) }, payload: testPayload(id, extra) };
}

async function indexOf(points: IndexedPoint[]): Promise<ExactIndex> {
  const index = new ExactIndex();
  await index.upsert(points);
  return index;
}

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: Error) => e,
  );
}

describe("ExactIndex", () => {
  it("returns the exact cosine top-k, equal to a brute-force sort", async () => {
    const rng = createRng(3);
    const points = Array.from({ length: 500 }, (_, id) =>
      point(
        id,
        Array.from({ length: 8 }, () => rng() - 0.5),
      ),
    );
    const index = await indexOf(points);
    const query = Float32Array.from({ length: 8 }, () => rng() - 0.5);
    const hits = await index.search({ space: "mlp", vector: query, limit: 10 });
    const cosine = (v: Float32Array) => {
      let dot = 0;
      let a = 0;
      let b = 0;
      v.forEach((x, d) => {
        dot += x * (query[d] as number);
        a += x * x;
        b += (query[d] as number) ** 2;
      });
      return dot / Math.sqrt(a * b);
    };
    const expected = points
      .map((p) => ({ id: p.id, score: cosine(p.vectors.mlp as Float32Array) }))
      .sort((x, y) => y.score - x.score)
      .slice(0, 10);
    expect(hits.map((h) => h.id)).toEqual(expected.map((e) => e.id));
    hits.forEach((h, i) => {
      expect(h.score).toBeCloseTo(expected[i]?.score as number, 5);
    });
  });

  it("filters by equality, any-of, range and excluded ids; refuses unknown fields", async () => {
    const index = await indexOf([
      point(1, [1, 0], { label: 1, split: "train", probability: 0.9 }),
      point(2, [1, 0.1], { label: 0, split: "oot1", probability: 0.2 }),
      point(3, [1, 0.2], { label: 0, split: "oot2", probability: 0.6 }),
      point(4, [0, 1], { label: 0, split: "train", probability: 0.7 }),
    ]);
    const ids = async (filter: object) =>
      (await index.search({ space: "mlp", vector: Float32Array.from([1, 0]), limit: 10, filter })).map(
        (h) => h.id,
      );
    expect(await ids({ label: 0 })).toEqual([2, 3, 4]);
    expect(await ids({ split: ["oot1", "oot2"] })).toEqual([2, 3]);
    expect(await ids({ probability: { gte: 0.5, lte: 0.8 } })).toEqual([3, 4]);
    expect(await ids({ label: 0, excludeIds: [3] })).toEqual([2, 4]);
    const unknown = await errorOf(ids({ income: 3 }));
    expect(isKindredError(unknown, "UNKNOWN_COLUMN")).toBe(true);
    expect(unknown.message).toMatch(/"income".*label/);
    expect(isKindredError(await errorOf(ids({ split: { gte: 1 } })), "INVALID_CONFIG")).toBe(true);
    expect(await index.count({ label: 0 })).toBe(3);
    expect((await index.scroll({ label: 0 })).map((p) => p.id)).toEqual([2, 3, 4]);
  });

  it("replaces points on upsert, refuses other widths and round-trips through toBinary", async () => {
    const index = await indexOf([point(1, [1, 0]), point(2, [0, 1])]);
    await index.upsert([point(1, [0, 2], { label: 1 })]);
    expect(await index.count()).toBe(2);
    const [one] = await index.retrieve([1, 99], "mlp");
    expect(Array.from(one?.vector ?? [])).toEqual([0, 1]);
    expect(one?.payload.label).toBe(1);
    expect(isKindredError(await errorOf(index.upsert([point(3, [1, 2, 3])])), "ARTIFACT_MISMATCH")).toBe(
      true,
    );
    const copy = ExactIndex.fromBinary(index.toBinary());
    const query = { space: "mlp", vector: Float32Array.from([1, 1]), limit: 2 };
    expect(await copy.search(query)).toEqual(await index.search(query));
    expect(await copy.dimensions()).toEqual({ mlp: 2 });
  });
});

describe("lookalike", () => {
  // Seeds (label 1) around direction (1, 0); candidates spread from (1, 0) to (0, 1).
  const points = [
    point(0, [1, 0.05], { label: 1 }),
    point(1, [1, -0.05], { label: 1 }),
    point(2, [1, 0.1], { label: 0, probability: 0.1 }),
    point(3, [1, 0.5], { label: 0, probability: 0.9 }),
    point(4, [1, 1], { label: 0, probability: 0.5 }),
    point(5, [0, 1], { label: 0, probability: 0.99 }),
  ];

  it.each(["centroid", "best", "sum", "per-seed"] as const)(
    "%s ranks the nearest non-buyers first",
    async (strategy) => {
      const index = await indexOf(points);
      const result = await lookalike(index, {
        seeds: { filter: { label: 1 } },
        candidates: { label: 0 },
        strategy,
        limit: 3,
        perSeed: 3,
      });
      expect(result.seeds).toBe(2);
      expect(result.results.map((r) => r.id)).toEqual([2, 3, 4]);
      expect(result.results.every((r) => r.customerId.startsWith("c"))).toBe(true);
    },
  );

  it("blends the model probability into the ranking", async () => {
    const index = await indexOf(points);
    const result = await lookalike(index, {
      seeds: { filter: { label: 1 } },
      candidates: { label: 0 },
      strategy: "centroid",
      limit: 4,
      blend: 0.9,
    });
    // 0.1·cos + 0.9·p: 3 → 0.899, 5 → 0.891, 4 → 0.521, 2 → 0.190 (similarity alone: 2, 3, 4, 5)
    expect(result.results.map((r) => r.id)).toEqual([3, 5, 4, 2]);
    const r = result.results[0] as { similarity: number; probability: number; score: number };
    expect(r.score).toBeCloseTo(0.1 * r.similarity + 0.9 * r.probability, 12);
  });

  it("reports unknown seed ids, refuses no seeds and wrong vector widths", async () => {
    const index = await indexOf(points);
    const result = await lookalike(index, { seeds: { ids: [0, 42] }, strategy: "centroid", limit: 2 });
    expect(result.missingSeeds).toEqual([42]);
    expect(result.results.map((r) => r.id)).not.toContain(0);
    const none = await errorOf(lookalike(index, { seeds: { filter: { label: 7 } }, strategy: "best" }));
    expect(isKindredError(none, "INVALID_CONFIG")).toBe(true);
    expect(none.message).toMatch(/no seeds/);
    const wide = await errorOf(
      lookalike(index, { seeds: { vectors: [Float32Array.from([1, 2, 3])] }, strategy: "centroid" }),
    );
    expect(isKindredError(wide, "ARTIFACT_MISMATCH")).toBe(true);
  });

  it("measures held-out seeds: lift above 1 on clustered data", async () => {
    const rng = createRng(11);
    const clustered = Array.from({ length: 400 }, (_, id) => {
      const buyer = id < 60;
      const centre = buyer ? [1, 0, 0] : [0, 1, 0];
      return point(
        id,
        centre.map((c) => c + (rng() - 0.5) * 0.6),
        { label: buyer ? 1 : 0 },
      );
    });
    const result = await lookalike(await indexOf(clustered), {
      seeds: { filter: { label: 1 } },
      candidates: { label: 0 },
      strategy: "centroid",
      limit: 20,
      evaluate: { holdOut: 0.2, seed: 1 },
    });
    expect(result.evaluation?.hiddenSeeds).toBe(12);
    expect(result.evaluation?.recallAtK).toBeGreaterThan(0.9);
    expect(result.evaluation?.lift).toBeGreaterThan(1);
  });
});
