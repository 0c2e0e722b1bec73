import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { isKindredError, type KindredErrorCode } from "@kindred/engine/errors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDataset } from "../../apps/api/src/services/import-dataset.ts";
import { trainDatasetRun } from "../../apps/api/src/services/train-run.ts";
import { createTestStore, type TestStore } from "../support/stores.ts";

let store: TestStore;
beforeAll(async () => {
  store = await createTestStore("embedded", { KINDRED_MAX_FILE_BYTES: "4096" });
});
afterAll(async () => {
  await store.dispose();
});

function file(name: string, content: string | Buffer): string {
  const path = join(store.dataDir, name);
  writeFileSync(path, content);
  return path;
}

async function expectRejected(promise: Promise<unknown>, code: KindredErrorCode, message: RegExp) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isKindredError(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
  expect((error as Error).message).toMatch(message);
}

async function expectNothingWritten() {
  const prisma = store.ctx.db.prisma;
  expect(await prisma.dataset.count()).toBe(0);
  expect(await prisma.customer.count()).toBe(0);
  expect(await prisma.run.count()).toBe(0);
  expect(await prisma.runCustomer.count()).toBe(0);
}

const good = [
  "id,age,income,bought",
  ...Array.from(
    { length: 40 },
    (_, i) => `${i + 1},${20 + (i % 9)},${(i * 37) % 50},${i % 4 === 0 ? "yes" : "no"}`,
  ),
].join("\n");

describe("bad input is refused with a clear error and nothing written", () => {
  const cases: [string, string | Buffer, { target?: string }, KindredErrorCode, RegExp][] = [
    ["empty file", "", {}, "EMPTY_FILE", /empty/i],
    ["header only", "id,age,bought\n", {}, "HEADER_ONLY", /no data rows|header/i],
    [
      "ragged rows",
      "id,age,bought\n1,30,yes\n2,40\n3,50,no,extra\n",
      {},
      "RAGGED_ROW",
      /line 3.*line 4|lines? 3, 4/,
    ],
    [
      "target with one class",
      "id,age,bought\n1,30,yes\n2,40,yes\n",
      { target: "bought" },
      "TARGET_ONE_CLASS",
      /bought.*yes|yes.*bought/,
    ],
    [
      "target with three values",
      "id,age,bought\n1,30,yes\n2,40,no\n3,50,maybe\n",
      { target: "bought" },
      "TARGET_NOT_BINARY",
      /maybe/,
    ],
    ["missing target column", good, { target: "purchased" }, "MISSING_TARGET", /purchased/],
    [
      "invalid UTF-8",
      Buffer.concat([Buffer.from("id,name\n1,ok\n2,"), Buffer.from([0xc3, 0x28]), Buffer.from("\n")]),
      {},
      "INVALID_UTF8",
      /UTF-8.*line 3|line 3.*UTF-8/i,
    ],
    ["file over the size limit", `${good}\n${"9".repeat(5000)}`, {}, "FILE_TOO_LARGE", /4096/],
  ];

  it.each(cases)("%s", async (name, content, options, code, message) => {
    const path = file(`${name.replaceAll(" ", "-")}.csv`, content);
    await expectRejected(importDataset(store.ctx, { path, ...options }), code, message);
    await expectNothingWritten();
  });

  it("duplicate customer ids name the row", async () => {
    const path = file("dup-ids.csv", "id,age,bought\n1,30,yes\n2,40,no\n1,50,no\n");
    await expectRejected(importDataset(store.ctx, { path, idColumn: "id" }), "INVALID_CONFIG", /row 3.*"1"/);
    await expectNothingWritten();
  });

  it("invalid training configuration leaves no run behind", async () => {
    const path = file("good.csv", good);
    const { dataset } = await importDataset(store.ctx, { path, target: "bought" });
    await expectRejected(
      trainDatasetRun(store.ctx, { dataset: dataset.id, config: { model: { maxEpochs: -1 } } }),
      "INVALID_CONFIG",
      /epochs/,
    );
    await expectRejected(
      trainDatasetRun(store.ctx, { dataset: dataset.id, drop: ["nonexistent"] }),
      "UNKNOWN_COLUMN",
      /nonexistent/,
    );
    expect(await store.ctx.db.prisma.run.count()).toBe(0);
    await store.ctx.db.prisma.dataset.deleteMany();
  });

  it("a cancelled run is marked cancelled and keeps no per-customer rows", async () => {
    const path = file("good2.csv", good);
    const { dataset } = await importDataset(store.ctx, { path, target: "bought" });
    const controller = new AbortController();
    const attempt = trainDatasetRun(store.ctx, {
      dataset: dataset.id,
      config: { split: { method: "random" }, model: { maxEpochs: 50, patience: 50, batchSize: 4 } },
      signal: controller.signal,
      onProgress: (p) => {
        if (p.epoch?.epoch === 2) controller.abort();
      },
    });
    await expect(attempt).rejects.toMatchObject({ name: "AbortError" });
    const runs = await store.ctx.db.prisma.run.findMany();
    expect(runs.map((r) => r.status)).toEqual(["cancelled"]);
    expect(await store.ctx.db.prisma.runCustomer.count()).toBe(0);
    await store.ctx.db.prisma.dataset.deleteMany();
  });
});
