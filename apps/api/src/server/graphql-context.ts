import type { AppContext } from "../context.ts";
import type { JobRunner } from "../jobs/job-runner.ts";
import type { Viewer } from "../services/auth.ts";
import type { RunCaches } from "../services/run-caches.ts";

/** What every resolver gets: the stores, who is asking, the job runner and the per-run caches. */
export interface GraphQLContext {
  app: AppContext;
  viewer: Viewer | null;
  /** The session or bearer token of this request (logout ends it). */
  token: string | null;
  jobs: JobRunner;
  caches: RunCaches;
  /** Sets or clears the dashboard's session cookie on the HTTP response (no-op over WebSocket). */
  session: { set(token: string, expiresAt: Date): void; clear(): void };
}
