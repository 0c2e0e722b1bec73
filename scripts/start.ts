// `npm start`: the API and the dashboard on embedded defaults, with the bank-marketing demo
// imported, trained and analyzed on first start (through the API, as a user would).
//   PORT (API, default 4000), WEB_PORT (dashboard, default 3000), KINDRED_DATA_DIR (.kindred)
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildWeb, WEB_DIR } from "./web-build.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const dataDir = resolve(process.env.KINDRED_DATA_DIR ?? ".kindred");
const apiPort = Number(process.env.PORT ?? 4000);
const webPort = Number(process.env.WEB_PORT ?? 3000);
const api = `http://127.0.0.1:${apiPort}`;

/** The admin to sign in with: from the environment, else one generated once and kept beside the data. */
function adminCredentials(): { email: string; password: string } {
  if (process.env.KINDRED_ADMIN_EMAIL && process.env.KINDRED_ADMIN_PASSWORD) {
    return { email: process.env.KINDRED_ADMIN_EMAIL, password: process.env.KINDRED_ADMIN_PASSWORD };
  }
  const file = join(dataDir, "admin.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as { email: string; password: string };
  const credentials = { email: "admin@kindred.local", password: randomBytes(12).toString("base64url") };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

async function graphql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(`${api}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data) throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
  return body.data;
}

async function waitFor(url: string, child: ChildProcess, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not start`);
}

async function waitForJob(
  id: string,
  token: string,
  label: string,
): Promise<{ status: string; run: { id: string } | null }> {
  let shown = "";
  for (;;) {
    const { job } = await graphql<{
      job: {
        status: string;
        progress: number;
        stage: string;
        run: { id: string } | null;
        error: { message: string } | null;
      };
    }>(
      `query ($id: ID!) { job(id: $id) { status progress stage run { id } error { message } } }`,
      { id },
      token,
    );
    const line = `${label}: ${Math.round(job.progress * 100)} % ${job.stage ?? ""}`;
    // A terminal redraws one line; logs get a line per stage.
    if (process.stderr.isTTY && line !== shown) process.stderr.write(`\r${line.padEnd(60)}`);
    else if (!process.stderr.isTTY && job.stage && !shown.endsWith(job.stage))
      process.stderr.write(`${line}\n`);
    shown = line;
    if (["succeeded", "failed", "cancelled"].includes(job.status)) {
      if (process.stderr.isTTY) process.stderr.write("\n");
      if (job.status !== "succeeded") throw new Error(`${label} ${job.status}: ${job.error?.message ?? ""}`);
      return job;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** First start: import the demo CSV by upload, train the MLP, analyze the run. */
async function seedDemo(token: string): Promise<void> {
  const { datasets } = await graphql<{ datasets: { page: { total: number } } }>(
    `{ datasets { page { total } } }`,
    {},
    token,
  );
  if (datasets.page.total > 0) return;
  const demo = JSON.parse(readFileSync(join(ROOT, "apps/api/demo/bank-marketing.json"), "utf8")) as {
    data: string;
    target: string;
    split?: string;
  };
  const path = resolve(ROOT, demo.data);
  console.error(`first start: importing the demo (${path})…`);
  const form = new FormData();
  form.append(
    "operations",
    JSON.stringify({
      query: `mutation ($file: Upload!, $input: ImportDatasetInput) { importDataset(file: $file, input: $input) { ok error { message } dataset { id rowCount } } }`,
      variables: { file: null, input: { target: demo.target, name: "bank-marketing" } },
    }),
  );
  form.append("map", JSON.stringify({ 0: ["variables.file"] }));
  form.append("0", new Blob([readFileSync(path)]), "bank-additional-full.csv");
  const response = await fetch(`${api}/graphql`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "apollo-require-preflight": "true" },
    body: form,
  });
  const imported = (await response.json()) as {
    data?: {
      importDataset: {
        ok: boolean;
        error: { message: string } | null;
        dataset: { id: string; rowCount: number } | null;
      };
    };
  };
  const dataset = imported.data?.importDataset.dataset;
  if (!dataset) throw new Error(`demo import failed: ${JSON.stringify(imported)}`);
  const { startRun } = await graphql<{ startRun: { job: { id: string } } }>(
    `mutation ($d: ID!, $c: RunConfigInput) { startRun(datasetId: $d, config: $c) { job { id } } }`,
    { d: dataset.id, c: { split: { method: demo.split ?? "oot" }, activate: true } },
    token,
  );
  const trained = await waitForJob(startRun.job.id, token, "training");
  const { analyzeRun } = await graphql<{ analyzeRun: { job: { id: string } } }>(
    `mutation ($r: ID!) { analyzeRun(runId: $r, input: { sampleSize: 5000 }) { job { id } } }`,
    { r: trained.run?.id },
    token,
  );
  await waitForJob(analyzeRun.job.id, token, "analysis");
  console.error(`demo ready: ${dataset.rowCount} customers trained and analyzed`);
}

const children: ChildProcess[] = [];
function stop(code = 0): void {
  for (const child of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 3000).unref();
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

try {
  buildWeb();
  const admin = adminCredentials();
  const env = {
    ...process.env,
    KINDRED_DATA_DIR: dataDir,
    PORT: String(apiPort),
    KINDRED_ADMIN_EMAIL: admin.email,
    KINDRED_ADMIN_PASSWORD: admin.password,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const apiProcess = spawn(process.execPath, [join(ROOT, "apps/api/bin/kindred-api.js")], {
    env,
    stdio: "inherit",
  });
  children.push(apiProcess);
  await waitFor(`${api}/health`, apiProcess, "the API");
  const web = spawn(
    process.execPath,
    [join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(webPort)],
    { cwd: WEB_DIR, env: { ...env, KINDRED_API_URL: api }, stdio: ["ignore", "ignore", "inherit"] },
  );
  children.push(web);
  await waitFor(`http://127.0.0.1:${webPort}/login`, web, "the dashboard");
  console.error(
    `\nKindred dashboard: http://localhost:${webPort}  (sign in as ${admin.email} / ${admin.password})`,
  );
  console.error(`GraphQL API:       ${api}/graphql\n`);
  const { login } = await graphql<{ login: { token: string | null } }>(
    `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
    { e: admin.email, p: admin.password },
  );
  if (login.token) await seedDemo(login.token);
  for (const child of children) child.on("exit", (code) => stop(code ?? 1));
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  stop(1);
}
