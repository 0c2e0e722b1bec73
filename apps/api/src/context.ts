import { initBackend } from "@kindred/engine/model";
import { type Env, loadEnv } from "./env.ts";
import { createLogger, type Logger } from "./log.ts";
import { type Compute, inProcessCompute } from "./services/compute.ts";
import { RunCaches } from "./services/run-caches.ts";
import { type Database, openDatabase } from "./store/database.ts";

/** What every use case needs: configuration, the open stores and where engine work runs. Built once per process. */
export interface AppContext {
  env: Env;
  db: Database;
  /** Training and analysis: in this thread by default (CLI); the API passes worker threads. */
  compute: Compute;
  /** Vector indexes and explainers of runs, kept open between requests of a long-lived process. */
  caches: RunCaches;
  /** Operational events (no customer data): the server's structured log, warnings only in the CLI. */
  log: Logger;
  close(): Promise<void>;
}

export async function createContext(
  env: Env = loadEnv(),
  options: { compute?: Compute; log?: Logger } = {},
): Promise<AppContext> {
  const db = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
  const caches = new RunCaches();
  return {
    env,
    db,
    compute: options.compute ?? inProcessCompute,
    caches,
    log: options.log ?? createLogger({ format: "text", level: "warn" }),
    close: async () => {
      caches.clear();
      await db.close();
    },
  };
}

/**
 * A context without stores, for commands that only compute (e.g. `kindred rfm` without
 * `--import`): it starts at once instead of opening the database. Touching `db` is a bug in the
 * command, so it fails loudly.
 */
export function createStorelessContext(env: Env = loadEnv()): AppContext {
  const caches = new RunCaches();
  return {
    env,
    get db(): Database {
      throw new Error("this command runs without the database (createStorelessContext)");
    },
    compute: inProcessCompute,
    caches,
    log: createLogger({ format: "text", level: "warn" }),
    close: async () => caches.clear(),
  };
}

/** Chooses the TensorFlow.js backend once, on first use (most commands never train). */
export async function ensureModelBackend(env: Env): Promise<string> {
  return initBackend(env.tfBackend);
}
