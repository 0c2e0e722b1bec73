// biome-ignore-all lint/suspicious/noExplicitAny: test responses are shaped by each query and checked by the assertions
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { JOB_HANDLERS } from "../../apps/api/src/jobs/handlers.ts";
import { JobRunner } from "../../apps/api/src/jobs/job-runner.ts";
import { createWorkerCompute } from "../../apps/api/src/jobs/worker-compute.ts";
import { type ApiServer, startApiServer } from "../../apps/api/src/server/http-server.ts";
import { ensureFirstAdmin } from "../../apps/api/src/services/auth.ts";
import { createTestStore, type StoreKind, type TestStore } from "./stores.ts";

export const ADMIN = { email: "admin@example.com", password: "correct-horse-battery" };

export interface TestApi {
  store: TestStore;
  server: ApiServer;
  jobs: JobRunner;
  url: string;
  dispose(): Promise<void>;
}

/** The API over real HTTP on a fresh store (worker-thread jobs, as in production), with a first admin. */
export async function startTestApi(kind: StoreKind, env: Record<string, string> = {}): Promise<TestApi> {
  const compute = createWorkerCompute({ tfBackend: "auto" });
  const store = await createTestStore(
    kind,
    { KINDRED_ADMIN_EMAIL: ADMIN.email, KINDRED_ADMIN_PASSWORD: ADMIN.password, ...env },
    { compute },
  );
  await ensureFirstAdmin(store.ctx);
  const jobs = new JobRunner(store.ctx, JOB_HANDLERS, 1);
  await jobs.recover();
  const server = await startApiServer(store.ctx, { port: 0, host: "127.0.0.1", jobs });
  return {
    store,
    server,
    jobs,
    url: server.url,
    dispose: async () => {
      await server.close();
      await jobs.close(0);
      await compute.close();
      await store.dispose();
    },
  };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A GraphQL client for tests: JSON requests and multipart uploads, with a bearer token. */
export class ApiClient {
  constructor(
    readonly url: string,
    public token: string | null = null,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...extra };
  }

  async request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: "POST",
      headers: this.headers({ "content-type": "application/json" }),
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  }

  /** The data of a request that must succeed (HTTP 200, no errors). */
  async data<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.status !== 200 || result.errors?.length || !result.data) {
      throw new Error(`GraphQL request failed (${result.status}): ${JSON.stringify(result.errors)}`);
    }
    return result.data;
  }

  /** A multipart request: `files` maps variable names to files on disk (or raw contents). */
  async upload<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown>,
    files: Record<string, { path?: string; name?: string; content?: string | Uint8Array }>,
  ): Promise<GraphQLResponse<T>> {
    const form = new FormData();
    const withNulls = { ...variables };
    const map: Record<string, string[]> = {};
    const parts: [string, Blob, string][] = [];
    let n = 0;
    for (const [variable, file] of Object.entries(files)) {
      withNulls[variable] = null;
      map[String(n)] = [`variables.${variable}`];
      const raw = file.content ?? (await readFile(file.path as string));
      const bytes = typeof raw === "string" ? raw : new Uint8Array(raw);
      parts.push([String(n), new Blob([bytes]), file.name ?? basename(file.path ?? "upload.csv")]);
      n++;
    }
    form.append("operations", JSON.stringify({ query, variables: withNulls }));
    form.append("map", JSON.stringify(map));
    for (const [name, blob, filename] of parts) form.append(name, blob, filename);
    const response = await fetch(`${this.url}/graphql`, {
      method: "POST",
      headers: this.headers({ "apollo-require-preflight": "true" }),
      body: form,
    });
    return { status: response.status, ...((await response.json()) as object) };
  }

  async login(email: string, password: string): Promise<string> {
    const data = await this.data<{ login: { ok: boolean; token: string; error: unknown } }>(
      `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { ok token error { code message } } }`,
      { email, password },
    );
    if (!data.login.ok) throw new Error(`login failed: ${JSON.stringify(data.login.error)}`);
    this.token = data.login.token;
    return this.token;
  }

  /** Polls a job until it ends; returns its final state. */
  async waitForJob(
    id: string,
    timeoutMs = 170_000,
  ): Promise<{ status: string; result: any; error: any; run: { id: string } | null }> {
    const started = Date.now();
    for (;;) {
      const { job } = await this.data(
        `query ($id: ID!) { job(id: $id) { status progress stage result error { code message field } run { id } } }`,
        { id },
      );
      if (["succeeded", "failed", "cancelled"].includes(job.status)) return job;
      if (Date.now() - started > timeoutMs)
        throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
