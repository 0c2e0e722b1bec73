import { describe, expect, it } from "vitest";
import { QdrantIndex } from "../../apps/api/src/store/qdrant-index.ts";
import { vectorIndexContract } from "../contract/vector-index.contract.ts";

// No Qdrant server can run on the build machines: these run where QDRANT_URL points at one.
const url = process.env.QDRANT_URL;
const apiKey = process.env.QDRANT_API_KEY;
let serial = 0;
const collectionName = () => `kindred_contract_${process.pid}_${Date.now().toString(36)}_${serial++}`;

describe.skipIf(!url)("Qdrant adapter", () => {
  vectorIndexContract("qdrant", async (spaces) => {
    const index = await QdrantIndex.create({
      url: url as string,
      apiKey,
      collection: collectionName(),
      spaces,
    });
    return { index, dispose: () => index.drop() };
  });

  it("switches a dataset alias to another run's collection in one step", async () => {
    const first = await QdrantIndex.create({
      url: url as string,
      apiKey,
      collection: collectionName(),
      spaces: { mlp: 2 },
    });
    const second = await QdrantIndex.create({
      url: url as string,
      apiKey,
      collection: collectionName(),
      spaces: { mlp: 2 },
    });
    const alias = collectionName();
    try {
      await first.setAlias(alias);
      expect(await (await QdrantIndex.open({ url: url as string, apiKey, collection: alias }))?.count()).toBe(
        0,
      );
      await second.upsert([
        {
          id: 1,
          vectors: { mlp: Float32Array.from([1, 0]) },
          payload: {
            customerId: "1",
            datasetId: "d",
            runId: "r",
            label: 1,
            split: "train",
            probability: 0.5,
            persona: null,
          },
        },
      ]);
      await second.setAlias(alias);
      expect(await (await QdrantIndex.open({ url: url as string, apiKey, collection: alias }))?.count()).toBe(
        1,
      );
    } finally {
      await first.drop();
      await second.drop();
    }
  });
});
