import { isKindredError } from "@kindred/engine/errors";
import type { IndexedPoint, VectorIndex } from "@kindred/engine/lookalike";
import { afterEach, describe, expect, it } from "vitest";
import { testPayload } from "../../packages/engine/src/test-support/payload.ts";

export type MakeIndex = (
  spaces: Record<string, number>,
) => Promise<{ index: VectorIndex; dispose(): Promise<void> }>;

const POINTS: IndexedPoint[] = [
  {
    id: 1,
    vectors: { mlp: Float32Array.from([1, 0, 0]) },
    payload: testPayload(1, { label: 1, probability: 0.9 }),
  },
  {
    id: 2,
    vectors: { mlp: Float32Array.from([0.9, 0.1, 0]) },
    payload: testPayload(2, { split: "oot1", probability: 0.2 }),
  },
  {
    id: 3,
    vectors: { mlp: Float32Array.from([0.5, 0.5, 0]) },
    payload: testPayload(3, { split: "oot2", persona: 1 }),
  },
  {
    id: 4,
    vectors: { mlp: Float32Array.from([0, 1, 0]) },
    payload: testPayload(4, { label: null, probability: null }),
  },
  { id: 5, vectors: { mlp: Float32Array.from([0, 0, 1]) }, payload: testPayload(5, { persona: 2 }) },
];

const query = (vector: number[], limit = 5) => ({ space: "mlp", vector: Float32Array.from(vector), limit });

/** One behaviour for every adapter of the vector-index port. */
export function vectorIndexContract(name: string, make: MakeIndex): void {
  describe(`vector index contract: ${name}`, () => {
    let dispose: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await dispose?.();
      dispose = undefined;
    });
    async function filled(): Promise<VectorIndex> {
      const made = await make({ mlp: 3 });
      dispose = made.dispose;
      await made.index.upsert(POINTS);
      return made.index;
    }

    it("ranks by cosine similarity, best first", async () => {
      const index = await filled();
      const hits = await index.search(query([1, 0, 0], 3));
      expect(hits.map((h) => h.id)).toEqual([1, 2, 3]);
      expect(hits[0]?.score).toBeCloseTo(1, 5);
      expect(hits[2]?.score).toBeCloseTo(Math.SQRT1_2, 5);
      expect(hits[0]?.payload).toEqual(POINTS[0]?.payload);
    });

    it("filters by value, any-of, range, null and excluded ids", async () => {
      const index = await filled();
      const ids = async (filter: object) =>
        (await index.search({ ...query([1, 0, 0]), filter })).map((h) => h.id).sort();
      expect(await ids({ label: 0 })).toEqual([2, 3, 5]);
      expect(await ids({ split: ["oot1", "oot2"] })).toEqual([2, 3]);
      expect(await ids({ probability: { gte: 0.3, lte: 0.6 } })).toEqual([3, 5]);
      expect(await ids({ label: null })).toEqual([4]);
      expect(await ids({ excludeIds: [1, 2] })).toEqual([3, 4, 5]);
    });

    it("refuses a filter on an unknown field", async () => {
      const index = await filled();
      const error = await index
        .search({ ...query([1, 0, 0]), filter: { income: 3 } as never })
        .catch((e: unknown) => e);
      expect(isKindredError(error, "UNKNOWN_COLUMN")).toBe(true);
    });

    it("retrieves by id (unknown ids left out), scrolls in id order and counts", async () => {
      const index = await filled();
      const got = await index.retrieve([3, 99], "mlp");
      expect(got.map((p) => p.id)).toEqual([3]);
      const v = got[0]?.vector as Float32Array;
      expect(v[0]).toBeCloseTo(Math.SQRT1_2, 5);
      expect(v[1]).toBeCloseTo(Math.SQRT1_2, 5);
      expect((await index.scroll({ label: 0 })).map((p) => p.id)).toEqual([2, 3, 5]);
      expect(await index.count()).toBe(5);
      expect(await index.count({ persona: [1, 2] })).toBe(2);
      expect(await index.dimensions()).toEqual({ mlp: 3 });
    });

    it("replaces a point on upsert and refuses another width", async () => {
      const index = await filled();
      await index.upsert([
        { id: 5, vectors: { mlp: Float32Array.from([1, 0, 0]) }, payload: testPayload(5, { label: 1 }) },
      ]);
      expect(await index.count()).toBe(5);
      expect((await index.search(query([1, 0, 0], 2))).map((h) => h.id).sort()).toEqual([1, 5]);
      const error = await index
        .upsert([{ id: 9, vectors: { mlp: Float32Array.from([1, 0]) }, payload: testPayload(9) }])
        .catch((e: unknown) => e);
      expect(isKindredError(error, "ARTIFACT_MISMATCH")).toBe(true);
    });

    it("answers a batch like the single searches", async () => {
      const index = await filled();
      const requests = [query([1, 0, 0], 2), query([0, 0, 1], 2)];
      const batch = await index.searchBatch(requests);
      expect(batch).toEqual([await index.search(requests[0]!), await index.search(requests[1]!)]);
    });
  });
}
