/**
 * API benchmark: concurrent lookalike queries against a 41,188-customer run of
 * bank-additional-full, over real HTTP to the API started as its own process (as in production).
 * 50 clients query for 60 s (BENCH_CLIENTS, BENCH_SECONDS to change), mixing strategies; prints
 * requests per second, latency percentiles and errors. Asserts nothing.
 *   npm run bench:api
 */
// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL responses are shaped by each query

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ADMIN, ApiClient } from "../support/api.ts";
import { BANK_MARKETING } from "../support/data.ts";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const BIN = fileURLToPath(new URL("../../apps/api/bin/kindred-api.js", import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the API did not start");
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

const dataDir = mkdtempSync(join(tmpdir(), "kindred-bench-api-"));
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [BIN], {
  env: {
    ...process.env,
    KINDRED_DATA_DIR: dataDir,
    DATABASE_URL: "",
    PORT: String(port),
    KINDRED_ADMIN_EMAIL: ADMIN.email,
    KINDRED_ADMIN_PASSWORD: ADMIN.password,
  },
  stdio: ["ignore", "ignore", "pipe"],
});
let serverLog = "";
server.stderr?.on("data", (chunk) => {
  serverLog += String(chunk);
});
try {
  await waitForHealth(url, server);
  const client = new ApiClient(url);
  await client.login(ADMIN.email, ADMIN.password);
  let t = performance.now();
  const imported = await client.upload(
    `mutation ($file: Upload!) { importDataset(file: $file, input: { target: "y" }) { ok error { message } dataset { id rowCount } } }`,
    {},
    { file: { path: BANK_MARKETING } },
  );
  const dataset = (imported.data as any).importDataset.dataset;
  console.log(
    `import by upload: ${dataset.rowCount} customers in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  t = performance.now();
  const { startRun } = await client.data(`mutation ($d: ID!) { startRun(datasetId: $d) { job { id } } }`, {
    d: dataset.id,
  });
  const job = await client.waitForJob(startRun.job.id, 600_000);
  const runId = job.run?.id as string;
  console.log(`training job: ${job.status} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const { customers } = await client.data(
    `query ($r: ID!) { customers(runId: $r, page: { limit: 500 }) { items { customerId } } }`,
    {
      r: runId,
    },
  );
  const ids: string[] = customers.items.map((c: { customerId: string }) => c.customerId);
  const pick = (n: number) =>
    Array.from({ length: n }, () => ids[Math.floor(Math.random() * ids.length)] as string);

  const kinds = {
    "centroid, all 4,640 buyers as seeds": () => ({
      runId,
      seeds: { filter: { labels: [1] } },
      candidates: { labels: [0] },
      limit: 100,
      evaluate: false,
    }),
    "centroid with held-out evaluation": () => ({
      runId,
      seeds: { filter: { labels: [1] } },
      candidates: { labels: [0] },
      limit: 100,
      evaluate: true,
    }),
    "per_seed, 20 ids": () => ({
      runId,
      seeds: { customerIds: pick(20) },
      strategy: "per_seed",
      limit: 100,
      evaluate: false,
    }),
    "best, 10 ids, probability ≥ 0.1": () => ({
      runId,
      seeds: { customerIds: pick(10) },
      candidates: { probabilityMin: 0.1 },
      strategy: "best",
      limit: 100,
      evaluate: false,
    }),
  };
  const names = Object.keys(kinds) as (keyof typeof kinds)[];
  // Evaluation is the heaviest; it is one request in ten.
  const schedule = [0, 0, 0, 2, 2, 2, 3, 3, 3, 1].map((i) => names[i] as keyof typeof kinds);
  const query = `query ($input: LookalikeInput!) { lookalike(input: $input) { ok error { message } result { results { customerId } } } }`;
  const latencies: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const errors: string[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const own = new ApiClient(url, client.token);
      while (performance.now() < deadline) {
        const kind = schedule[next++ % schedule.length] as keyof typeof kinds;
        const begin = performance.now();
        try {
          const response = await own.request<any>(query, { input: kinds[kind]() });
          if (response.status !== 200 || response.errors || !response.data?.lookalike.ok) {
            errors.push(
              `${response.status} ${JSON.stringify(response.errors ?? response.data?.lookalike.error)}`,
            );
          } else latencies[kind]?.push(performance.now() - begin);
        } catch (error) {
          errors.push(String(error));
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const all = Object.values(latencies)
    .flat()
    .sort((a, b) => a - b);
  console.log(
    `${CLIENTS} concurrent clients for ${elapsed.toFixed(0)} s: ${all.length} lookalike queries, ${(all.length / elapsed).toFixed(1)} requests/s, errors ${errors.length}`,
  );
  console.log(
    `latency all: p50 ${percentile(all, 0.5).toFixed(0)} ms, p95 ${percentile(all, 0.95).toFixed(0)} ms, p99 ${percentile(all, 0.99).toFixed(0)} ms, max ${(all.at(-1) ?? 0).toFixed(0)} ms`,
  );
  for (const name of names) {
    const sorted = (latencies[name] as number[]).sort((a, b) => a - b);
    console.log(
      `  ${name}: ${sorted.length} requests, p50 ${percentile(sorted, 0.5).toFixed(0)} ms, p99 ${percentile(sorted, 0.99).toFixed(0)} ms`,
    );
  }
  if (errors.length > 0) console.log(`first errors: ${errors.slice(0, 3).join(" | ")}`);
} catch (error) {
  console.error(error);
  console.error(serverLog);
  process.exitCode = 1;
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  rmSync(dataDir, { recursive: true, force: true });
}
