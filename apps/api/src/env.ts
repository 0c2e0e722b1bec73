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
  /** Shards and copies of each run's collection (Qdrant distributed mode); unset → Qdrant's defaults. */
  QDRANT_SHARDS: z
    .literal("")
    .transform(() => undefined)
    .or(z.coerce.number().int().min(1).max(1000))
    .optional(),
  QDRANT_REPLICATION_FACTOR: z
    .literal("")
    .transform(() => undefined)
    .or(z.coerce.number().int().min(1).max(100))
    .optional(),
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
  /** The API server's port and interface. */
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  KINDRED_HOST: z.string().min(1).default("127.0.0.1"),
  /** The first admin, created at start-up when no user exists yet. */
  KINDRED_ADMIN_EMAIL: z
    .string()
    .email()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  KINDRED_ADMIN_PASSWORD: z.string().optional(),
  /** Dashboard sessions last this long. */
  KINDRED_SESSION_HOURS: z.coerce.number().positive().default(12),
  /** Largest file accepted by an upload, in bytes. */
  KINDRED_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024 * 1024),
  /** Jobs (training, analysis, scoring, explanations) running at once, each in a worker thread. */
  KINDRED_JOB_CONCURRENCY: z.coerce.number().int().positive().default(1),
  /** Sentence-transformer for text embeddings: a folder, or a name under KINDRED_TEXT_MODELS_DIR. */
  KINDRED_TEXT_MODEL: z
    .string()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Where model names are looked up (default: KINDRED_DATA_DIR/models). Never downloaded. */
  KINDRED_TEXT_MODELS_DIR: z
    .string()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** GraphQL query limits: nesting depth and estimated cost (fields × list sizes). */
  KINDRED_QUERY_MAX_DEPTH: z.coerce.number().int().positive().default(12),
  KINDRED_QUERY_MAX_COST: z.coerce.number().int().positive().default(50_000),
  /** Server logs: json lines (default when stderr is not a terminal) or key=value text. */
  KINDRED_LOG_FORMAT: z
    .enum(["json", "text"])
    .optional()
    .or(z.literal("").transform(() => undefined)),
  KINDRED_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** On SIGTERM, running jobs get this long to finish before they are stopped (and marked to retry). */
  KINDRED_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).default(25),
});

export interface Env {
  databaseUrl: string | undefined;
  qdrantUrl: string | undefined;
  qdrantApiKey: string | undefined;
  qdrantShards: number | undefined;
  qdrantReplicationFactor: number | undefined;
  dataDir: string;
  maxFileBytes: number;
  tfBackend: "auto" | "tensorflow" | "wasm" | "cpu";
  port: number;
  host: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  sessionHours: number;
  maxUploadBytes: number;
  jobConcurrency: number;
  queryMaxDepth: number;
  queryMaxCost: number;
  textModel: string | undefined;
  textModelsDir: string;
  logFormat: "json" | "text" | undefined;
  logLevel: "debug" | "info" | "warn" | "error";
  shutdownGraceMs: number;
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
    qdrantShards: env.QDRANT_SHARDS,
    qdrantReplicationFactor: env.QDRANT_REPLICATION_FACTOR,
    dataDir: resolve(env.KINDRED_DATA_DIR),
    maxFileBytes: env.KINDRED_MAX_FILE_BYTES,
    tfBackend: env.KINDRED_TF_BACKEND,
    port: env.PORT,
    host: env.KINDRED_HOST,
    adminEmail: env.KINDRED_ADMIN_EMAIL,
    adminPassword: env.KINDRED_ADMIN_PASSWORD || undefined,
    sessionHours: env.KINDRED_SESSION_HOURS,
    maxUploadBytes: env.KINDRED_MAX_UPLOAD_BYTES,
    jobConcurrency: env.KINDRED_JOB_CONCURRENCY,
    queryMaxDepth: env.KINDRED_QUERY_MAX_DEPTH,
    queryMaxCost: env.KINDRED_QUERY_MAX_COST,
    textModel: env.KINDRED_TEXT_MODEL,
    textModelsDir: resolve(env.KINDRED_TEXT_MODELS_DIR ?? resolve(env.KINDRED_DATA_DIR, "models")),
    logFormat: env.KINDRED_LOG_FORMAT,
    logLevel: env.KINDRED_LOG_LEVEL,
    shutdownGraceMs: env.KINDRED_SHUTDOWN_GRACE_SECONDS * 1000,
  };
}
