import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type AppContext, createContext } from "../../apps/api/src/context.ts";
import { loadEnv } from "../../apps/api/src/env.ts";
import type { Compute } from "../../apps/api/src/services/compute.ts";

export type StoreKind = "embedded" | "postgresql";

/** The PostgreSQL server tests create throwaway databases on (these machines and CI run one). */
export const TEST_POSTGRES_URL =
  process.env.KINDRED_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

let reachable: Promise<boolean> | undefined;

/**
 * Whether PostgreSQL answers. In CI it must: a missing server fails the suite instead of quietly
 * skipping half of it.
 */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch (error) {
      if (process.env.CI) throw new Error(`PostgreSQL is required in CI: ${(error as Error).message}`);
      console.warn(`PostgreSQL not reachable at ${TEST_POSTGRES_URL}: its tests are skipped`);
      return false;
    }
  })();
  return reachable;
}

export interface TestStore {
  ctx: AppContext;
  dataDir: string;
  dispose(): Promise<void>;
}

/** A fresh, empty store of the given kind with its own data directory. */
export async function createTestStore(
  kind: StoreKind,
  env: Record<string, string> = {},
  options: { compute?: Compute } = {},
): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), "kindred-test-"));
  const database = kind === "postgresql" ? await createThrowawayDatabase() : null;
  const ctx = await createContext(
    loadEnv({ KINDRED_DATA_DIR: dataDir, ...(database ? { DATABASE_URL: database.url } : {}), ...env }),
    options,
  );
  return {
    ctx,
    dataDir,
    dispose: async () => {
      await ctx.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An empty PostgreSQL database on the test server, for one test file; `drop` removes it. */
export async function createThrowawayDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kindred_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
