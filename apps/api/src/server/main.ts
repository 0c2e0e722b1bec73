import { rm } from "node:fs/promises";
import { createContext } from "../context.ts";
import { EnvError, loadEnv } from "../env.ts";
import { JOB_HANDLERS } from "../jobs/handlers.ts";
import { JobRunner } from "../jobs/job-runner.ts";
import { jobUploadsDir } from "../jobs/start-jobs.ts";
import { createWorkerCompute } from "../jobs/worker-compute.ts";
import { ensureFirstAdmin } from "../services/auth.ts";
import { startApiServer } from "./http-server.ts";

/**
 * `npm run start:api`: the GraphQL API on PORT with embedded defaults (or DATABASE_URL /
 * QDRANT_URL). Jobs interrupted by an earlier stop are marked failed first; SIGINT/SIGTERM stop
 * taking requests, give running jobs time to finish (else cancel them cleanly), then close.
 */
export async function main(): Promise<void> {
  const env = loadEnv();
  const compute = createWorkerCompute({ tfBackend: env.tfBackend });
  const app = await createContext(env, { compute });
  const jobs = new JobRunner(app, JOB_HANDLERS, env.jobConcurrency);
  const recovered = await jobs.recover();
  await rm(jobUploadsDir(app), { recursive: true, force: true });
  if (recovered.jobs > 0) console.error(`marked ${recovered.jobs} interrupted job(s) failed`);
  if (await ensureFirstAdmin(app)) console.error(`created the first admin, ${env.adminEmail}`);
  const server = await startApiServer(app, { port: env.port, host: env.host, jobs });
  console.error(`Kindred API on ${server.url}/graphql (${app.db.kind} database)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: stopping`);
    await server.close();
    await jobs.close();
    await compute.close();
    await app.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  console.error(error instanceof EnvError ? `error: ${error.message}` : error);
  process.exit(1);
});
