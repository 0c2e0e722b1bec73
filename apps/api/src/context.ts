import { initBackend } from "@kindred/engine/model";
import { type Env, loadEnv } from "./env.ts";
import { type Database, openDatabase } from "./store/database.ts";

/** What every use case needs: configuration and the open stores. Built once per process. */
export interface AppContext {
  env: Env;
  db: Database;
  close(): Promise<void>;
}

export async function createContext(env: Env = loadEnv()): Promise<AppContext> {
  const db = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
  return { env, db, close: () => db.close() };
}

/** Chooses the TensorFlow.js backend once, on first use (most commands never train). */
export async function ensureModelBackend(env: Env): Promise<string> {
  return initBackend(env.tfBackend);
}
