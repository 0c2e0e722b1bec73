// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL responses are shaped by each query and checked by the assertions
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ADMIN, ApiClient } from "../support/api.ts";
import { type ApiProcess, startApiProcess } from "../support/api-process.ts";
import { THERA_BANK } from "../support/data.ts";
import { createThrowawayDatabase, postgresReachable, type StoreKind } from "../support/stores.ts";

// The API as production runs it, a process of its own: its logs, and what a stop or a crash in
// the middle of a training job leaves behind.

/** Customer ids and a cell value that must never reach the logs. */
const SECRET_ID = "CUSTSECRET";
const SECRET_CELL = "ZebraMarker";

function syntheticCsv(rows: number): string {
  const lines = ["client,segment,balance,visits,bought"];
  for (let i = 0; i < rows; i++) {
    const bought = i % 4 === 0 ? 1 : 0;
    const segment = i % 3 === 0 ? SECRET_CELL : "plain";
    lines.push(`${SECRET_ID}${1000 + i},${segment},${((i * 37) % 500) + bought * 300},${i % 7},${bought}`);
  }
  return `${lines.join("\n")}\n`;
}

const START_RUN = `mutation ($datasetId: ID!, $config: RunConfigInput) { startRun(datasetId: $datasetId, config: $config) { ok error { code message } job { id } } }`;
const JOB = `query ($id: ID!) { job(id: $id) { status stage error { code message } run { id status active error { code } } } }`;
/** Long enough to be stopped in the middle: early stopping never ends it first. */
const LONG_TRAINING = { model: { maxEpochs: 150, patience: 150 } };

async function login(url: string): Promise<ApiClient> {
  const client = new ApiClient(url);
  await client.login(ADMIN.email, ADMIN.password);
  return client;
}

async function importThera(client: ApiClient): Promise<string> {
  const imported = await client.upload(
    `mutation ($file: Upload!, $input: ImportDatasetInput) { importDataset(file: $file, input: $input) { ok error { message } dataset { id } } }`,
    { input: { target: "Personal Loan", idColumn: "ID", drop: ["ZIP Code"] } },
    { file: { path: THERA_BANK } },
  );
  const payload = (imported.data as any).importDataset;
  expect(payload.ok).toBe(true);
  return payload.dataset.id;
}

/** Starts a long training job and resolves once it is in its epochs. */
async function startLongTraining(client: ApiClient, datasetId: string): Promise<string> {
  const { startRun } = await client.data(START_RUN, { datasetId, config: LONG_TRAINING });
  expect(startRun.ok).toBe(true);
  for (;;) {
    const { job } = await client.data(JOB, { id: startRun.job.id });
    if (job.stage?.startsWith("train epoch")) return startRun.job.id;
    expect(job.status).toBe("running");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** After a stop: the job and its run are failed as interrupted, and the run has no vectors. */
async function expectInterrupted(client: ApiClient, jobId: string, dataDir: string, datasetId: string) {
  const { job } = await client.data(JOB, { id: jobId });
  expect(job).toMatchObject({
    status: "failed",
    error: { code: "INTERRUPTED" },
    run: { status: "failed", active: false, error: { code: "INTERRUPTED" } },
  });
  const vectors = join(dataDir, "vectors");
  const left = existsSync(vectors) ? readdirSync(vectors).filter((name) => name.includes(job.run.id)) : [];
  expect(left).toEqual([]);
  const { dataset } = await client.data(`query ($id: ID!) { dataset(id: $id) { activeRun { id } } }`, {
    id: datasetId,
  });
  expect(dataset.activeRun).toBeNull();
}

/** Retrying the interrupted job trains a new run that becomes active and answers lookalikes. */
async function expectRetryWorks(client: ApiClient, jobId: string) {
  const { retryJob } = await client.data(
    `mutation ($id: ID!) { retryJob(id: $id) { ok error { code message } job { id } } }`,
    { id: jobId },
  );
  expect(retryJob.ok).toBe(true);
  const done = await client.waitForJob(retryJob.job.id, 170_000);
  expect(done.status).toBe("succeeded");
  const { job } = await client.data(JOB, { id: retryJob.job.id });
  expect(job.run).toMatchObject({ status: "succeeded", active: true });
  const { lookalike } = await client.data(
    `query ($input: LookalikeInput!) { lookalike(input: $input) { ok result { results { customerId } } } }`,
    {
      input: {
        runId: job.run.id,
        seeds: { filter: { labels: [1] } },
        candidates: { labels: [0] },
        limit: 10,
      },
    },
  );
  expect(lookalike.result.results).toHaveLength(10);
  const again = await client.data(`mutation ($id: ID!) { retryJob(id: $id) { ok error { code } } }`, {
    id: retryJob.job.id,
  });
  expect(again.retryJob).toEqual({ ok: false, error: { code: "CONFLICT" } });
}

describe("the API process", () => {
  const cleanup: (() => unknown)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });
  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), "kindred-ops-"));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }
  async function start(env: Record<string, string>): Promise<ApiProcess> {
    const api = await startApiProcess({ KINDRED_LOG_FORMAT: "json", ...env });
    cleanup.push(() => api.stop());
    return api;
  }

  it("logs one JSON object per line: requests and jobs, never customer data or secrets; SIGTERM stops it cleanly", async () => {
    const dataDir = tempDir();
    const api = await start({ KINDRED_DATA_DIR: dataDir });
    const client = await login(api.url);
    const bad = await client.upload(
      `mutation ($file: Upload!, $input: ImportDatasetInput) { importDataset(file: $file, input: $input) { ok error { code column } } }`,
      { input: { target: "bought", idColumn: "client", columns: [{ name: "segment", kind: "numeric" }] } },
      { file: { name: "customers.csv", content: syntheticCsv(400) } },
    );
    expect((bad.data as any).importDataset).toMatchObject({ ok: false, error: { column: "segment" } });
    const imported = await client.upload(
      `mutation ($file: Upload!, $input: ImportDatasetInput) { importDataset(file: $file, input: $input) { ok dataset { id } } }`,
      { input: { target: "bought", idColumn: "client" } },
      { file: { name: "customers.csv", content: syntheticCsv(400) } },
    );
    const datasetId = (imported.data as any).importDataset.dataset.id;
    const { startRun } = await client.data(START_RUN, { datasetId, config: { model: { maxEpochs: 3 } } });
    const job = await client.waitForJob(startRun.job.id);
    expect(job.status).toBe("succeeded");
    const lookalike = {
      runId: job.run?.id,
      seeds: { filter: { labels: [1] } },
      candidates: { labels: [0] },
      limit: 20,
    };
    const { createTargetList } = await client.data(
      `mutation ($input: CreateTargetListInput!) { createTargetList(input: $input) { ok targetList { exportPath } } }`,
      { input: { runId: job.run?.id, name: "Lookalikes", from: { lookalike } } },
    );
    const csv = await fetch(`${api.url}${createTargetList.targetList.exportPath}`, {
      headers: { authorization: `Bearer ${client.token}` },
    });
    expect(await csv.text()).toContain(SECRET_ID);

    // A stop while a short job runs lets it finish within the grace.
    const second = await client.data(START_RUN, { datasetId, config: { model: { maxEpochs: 3 } } });
    expect(await api.stop()).toBe(0);
    const lines = api.output().trimEnd().split("\n");
    const events = lines.map((line) => {
      const parsed = JSON.parse(line);
      expect(Object.keys(parsed).slice(0, 3)).toEqual(["time", "level", "event"]);
      return parsed;
    });
    const names = new Set(events.map((e) => e.event));
    for (const name of [
      "api.started",
      "admin.created",
      "http.request",
      "job.started",
      "job.finished",
      "api.stopping",
      "api.stopped",
    ]) {
      expect(names).toContain(name);
    }
    const finished = events.filter((e) => e.event === "job.finished");
    expect(finished.map((e) => [e.jobId, e.kind, e.status])).toEqual([
      [startRun.job.id, "train", "succeeded"],
      [second.startRun.job.id, "train", "succeeded"],
    ]);
    const order = events.map((e) => e.event);
    expect(order.indexOf("api.stopping")).toBeLessThan(order.lastIndexOf("job.finished"));
    expect(order.lastIndexOf("job.finished")).toBeLessThan(order.indexOf("api.stopped"));
    expect(events.filter((e) => e.event === "http.request").map((e) => e.operation)).toContain(
      "importDataset",
    );
    const all = api.output();
    for (const secret of [SECRET_ID, SECRET_CELL, ADMIN.password, client.token as string]) {
      expect(all).not.toContain(secret);
    }
  });

  describe.each<StoreKind>(["postgresql", "embedded"])("on the %s store", (kind) => {
    async function stores(): Promise<Record<string, string> | null> {
      const dataDir = tempDir();
      if (kind === "embedded") return { KINDRED_DATA_DIR: dataDir };
      if (!(await postgresReachable())) return null;
      const database = await createThrowawayDatabase();
      cleanup.push(() => database.drop());
      return { KINDRED_DATA_DIR: dataDir, DATABASE_URL: database.url };
    }

    it("killed (SIGKILL) during training: after a restart the run is failed, unindexed, inactive, and the job retries", async (test) => {
      const env = await stores();
      if (!env) return test.skip();
      const first = await start(env);
      let client = await login(first.url);
      const datasetId = await importThera(client);
      const jobId = await startLongTraining(client, datasetId);
      first.child.kill("SIGKILL");
      expect(await first.exited).toBe("SIGKILL");

      const second = await start(env);
      client = await login(second.url);
      await expectInterrupted(client, jobId, env.KINDRED_DATA_DIR as string, datasetId);
      expect(second.output()).toContain('"event":"jobs.recovered"');
      await expectRetryWorks(client, jobId);
    });
  });

  it("stopped (SIGTERM) during training: not ready at once, the job fails as interrupted after the grace, exit 0", async () => {
    const dataDir = tempDir();
    const env = { KINDRED_DATA_DIR: dataDir, KINDRED_SHUTDOWN_GRACE_SECONDS: "6" };
    const first = await start(env);
    let client = await login(first.url);
    const datasetId = await importThera(client);
    const jobId = await startLongTraining(client, datasetId);
    first.child.kill("SIGTERM");
    // During the grace the server still answers, but is not ready and takes no new jobs.
    await new Promise((r) => setTimeout(r, 300));
    const ready = await fetch(`${first.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: "stopping" });
    expect((await fetch(`${first.url}/livez`)).status).toBe(200);
    const refused = await client.data(START_RUN, { datasetId });
    expect(refused.startRun).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('"event":"jobs.stopping"');

    const second = await start(env);
    client = await login(second.url);
    await expectInterrupted(client, jobId, dataDir, datasetId);
    await expectRetryWorks(client, jobId);
  });
});
