import { resolve } from "node:path";
import { z } from "zod";

/**
 * The one place that reads process.env. Every variable is documented in .env.example.
 * Embedded defaults need none of them.
 */
const schema = z.object({
  /** PostgreSQL connection string; unset → the embedded database in KINDRED_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Qdrant server for vector search; unset → the embedded exact index in KINDRED_DATA_DIR. */
  QDRANT_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  QDRANT_API_KEY: z.string().optional(),
  /** Where the embedded database and run artifacts (saved models) live. */
  KINDRED_DATA_DIR: z.string().min(1).default(".kindred"),
  /** Largest accepted input file, in bytes. */
  KINDRED_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024 * 1024),
  /** TensorFlow.js backend: auto tries tfjs-node, then wasm, then the pure-JS cpu backend. */
  KINDRED_TF_BACKEND: z.enum(["auto", "tensorflow", "wasm", "cpu"]).default("auto"),
});

export interface Env {
  databaseUrl: string | undefined;
  qdrantUrl: string | undefined;
  qdrantApiKey: string | undefined;
  dataDir: string;
  maxFileBytes: number;
  tfBackend: "auto" | "tensorflow" | "wasm" | "cpu";
}

export class EnvError extends Error {
  override name = "EnvError";
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new EnvError(`invalid environment: ${problems}`);
  }
  const env = parsed.data;
  return {
    databaseUrl: env.DATABASE_URL,
    qdrantUrl: env.QDRANT_URL,
    qdrantApiKey: env.QDRANT_API_KEY || undefined,
    dataDir: resolve(env.KINDRED_DATA_DIR),
    maxFileBytes: env.KINDRED_MAX_FILE_BYTES,
    tfBackend: env.KINDRED_TF_BACKEND,
  };
}
