import { rm } from "node:fs/promises";
import { createContext } from "../context.ts";
import { type Env, EnvError, loadEnv } from "../env.ts";
import { JOB_HANDLERS } from "../jobs/handlers.ts";
import { JobRunner } from "../jobs/job-runner.ts";
import { jobUploadsDir } from "../jobs/start-jobs.ts";
import { createWorkerCompute } from "../jobs/worker-compute.ts";
import { createLogger, errorFields, type Logger, logUnexpected } from "../log.ts";
import { ensureFirstAdmin } from "../services/auth.ts";
import { startApiServer } from "./http-server.ts";

/**
 * `npm run start:api`: the GraphQL API on PORT with embedded defaults (or DATABASE_URL /
 * QDRANT_URL). Jobs interrupted by an earlier stop are marked failed first (retryable). On
 * SIGINT/SIGTERM: readiness turns 503, running jobs get KINDRED_SHUTDOWN_GRACE_SECONDS to
 * finish, else they are stopped and marked interrupted; then requests in flight finish.
 */
export async function main(env: Env, log: Logger): Promise<void> {
  const compute = createWorkerCompute({ tfBackend: env.tfBackend });
  const app = await createContext(env, { compute, log });
  const jobs = new JobRunner(app, JOB_HANDLERS, env.jobConcurrency);
  await jobs.recover();
  await rm(jobUploadsDir(app), { recursive: true, force: true });
  if (await ensureFirstAdmin(app)) log.info("admin.created");
  const server = await startApiServer(app, { port: env.port, host: env.host, jobs });
  log.info("api.started", {
    url: `${server.url}/graphql`,
    database: app.db.kind,
    vectorIndex: env.qdrantUrl ? "qdrant" : "embedded",
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const started = performance.now();
    log.info("api.stopping", { signal, graceMs: env.shutdownGraceMs });
    // Readiness turns 503 first; requests are still served while jobs finish (progress stays
    // visible), and new jobs are refused. Then the server drains and the stores close.
    server.beginShutdown();
    try {
      await jobs.close(env.shutdownGraceMs);
      await server.close();
      await compute.close();
      await app.close();
      log.info("api.stopped", { ms: Math.round(performance.now() - started) });
      process.exit(0);
    } catch (error) {
      logUnexpected(log, "api.stop_failed", error);
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

function start(): void {
  // JSON lines for log collectors; key=value text when a person watches the terminal.
  const format = (env: Env | null) => env?.logFormat ?? (process.stderr.isTTY ? "text" : "json");
  let env: Env;
  try {
    env = loadEnv();
  } catch (error) {
    const log = createLogger({ format: format(null), level: "info" });
    if (error instanceof EnvError) log.error("api.invalid_environment", { problems: error.message });
    else log.error("api.start_failed", { ...errorFields(error), message: String(error) });
    process.exit(1);
  }
  const log = createLogger({ format: format(env), level: env.logLevel });
  main(env, log).catch((error) => {
    // Start-up fails on configuration, connections or migrations, never on customer rows: the
    // message (e.g. which host refused) is what the operator needs.
    log.error("api.start_failed", { ...errorFields(error), message: (error as Error).message });
    process.exit(1);
  });
}

start();
