import { EventEmitter } from "node:events";
import { existsSync } from "node:fs";
import { isKindredError, KindredError } from "@kindred/engine/errors";
import type { AppContext } from "../context.ts";
import { logUnexpected } from "../log.ts";
import { removeRunIndex } from "../services/run-index.ts";
import { removeRunArtifacts } from "../store/artifact-store.ts";
import {
  createJob,
  failInterrupted,
  findJob,
  getJob,
  type Job,
  type JobKind,
  markInterrupted,
  updateJob,
} from "../store/job-store.ts";

/** What a handler may do while it runs. */
export interface JobHooks {
  progress(share: number, stage: string): void;
  /** Links the job to the run it creates (training), as soon as it exists. */
  linkRun(runId: string): void;
  signal: AbortSignal;
}

/** Does the work of one kind of job and returns its result (ids and a summary). */
export type JobHandler = (ctx: AppContext, input: unknown, hooks: JobHooks) => Promise<object>;

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

/** Progress is written to the database at most this often (subscribers get every update). */
const PERSIST_EVERY_MS = 500;

/**
 * Runs long work off the request path, `concurrency` jobs at a time (the handlers hand their
 * computing to worker threads), with progress by polling (the Job row) and by subscription, and
 * cancellation. Jobs left queued or running by an earlier process are marked failed at start.
 */
export class JobRunner {
  private readonly queue: string[] = [];
  private readonly running = new Map<string, Running>();
  private readonly events = new EventEmitter();
  private closed = false;
  /** Set by close(): jobs stopped from now on were interrupted by the shutdown, not cancelled. */
  private shuttingDown = false;

  constructor(
    private readonly app: AppContext,
    private readonly handlers: Record<JobKind, JobHandler>,
    private readonly concurrency = 1,
  ) {
    this.events.setMaxListeners(0);
  }

  /** Call once before serving: fails what a crash or restart interrupted and removes its files. */
  async recover(): Promise<{ jobs: number; runs: number }> {
    const { jobs, runIds } = await failInterrupted(this.app.db.prisma);
    for (const runId of runIds) {
      await removeRunArtifacts(this.app.env.dataDir, runId);
      // Vectors of a run that never finished are never searched: remove any written so far.
      await removeRunIndex(this.app, runId);
    }
    if (jobs > 0) this.app.log.warn("jobs.recovered", { jobs, runs: runIds.length });
    return { jobs, runs: runIds.length };
  }

  async enqueue(
    kind: JobKind,
    input: object,
    meta: { createdById?: string | null; runId?: string | null; datasetId?: string | null } = {},
  ): Promise<Job> {
    if (this.closed) {
      // Not about any input: the request was fine, the server is on its way out.
      throw new KindredError(
        "CONFLICT",
        "the server is shutting down and takes no new jobs; try again in a minute",
      );
    }
    const job = await createJob(this.app.db.prisma, { kind, input, ...meta });
    this.queue.push(job.id);
    this.emit(job);
    this.pump();
    return job;
  }

  /**
   * Starts a failed or cancelled job again, as a new job with the same input (a training job
   * trains a new run). A job whose uploaded file is gone (an upload lives as long as its job, or
   * until the server restarts) is refused: the user has to upload it again.
   */
  async retry(id: string, createdById: string | null): Promise<Job> {
    const job = await getJob(this.app.db.prisma, id);
    if (job.status !== "failed" && job.status !== "cancelled") {
      throw new KindredError(
        "CONFLICT",
        `job "${id}" is ${job.status}; only a failed or cancelled job can be retried`,
        {
          field: "id",
        },
      );
    }
    if (uploadedFiles(job.input).some((path) => !existsSync(path))) {
      throw new KindredError(
        "NOT_FOUND",
        `the file uploaded for job "${id}" is gone (kept only while its job runs, and until a restart); start it again with the file`,
        { field: "id" },
      );
    }
    // A training job's run was its output; the retry makes a new one.
    const runId = job.kind === "train" ? null : job.runId;
    return this.enqueue(job.kind as JobKind, job.input as object, {
      createdById,
      runId,
      datasetId: job.datasetId,
    });
  }

  /** Cancels a queued or running job; a finished one is returned as it is. */
  async cancel(id: string): Promise<Job | null> {
    const prisma = this.app.db.prisma;
    const queued = this.queue.indexOf(id);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      const job = await updateJob(prisma, id, {
        status: "cancelled",
        finishedAt: new Date(),
        stage: "cancelled",
      });
      this.emit(job);
      return job;
    }
    const running = this.running.get(id);
    if (running) {
      running.controller.abort();
      await running.done;
    }
    return findJob(prisma, id);
  }

  /** Calls `listener` with the job on every change until it ends; returns the unsubscribe. */
  subscribe(id: string, listener: (job: Job) => void): () => void {
    this.events.on(id, listener);
    return () => this.events.off(id, listener);
  }

  isActive(id: string): boolean {
    return this.running.has(id) || this.queue.includes(id);
  }

  /**
   * Stops taking jobs; running ones get `graceMs` to finish, then are stopped. Queued ones and
   * stopped ones end failed as interrupted (retryable), their runs too: never half-written.
   */
  async close(graceMs = 30_000): Promise<void> {
    this.closed = true;
    this.shuttingDown = true;
    const prisma = this.app.db.prisma;
    for (const id of this.queue.splice(0)) this.emit(await markInterrupted(prisma, id, null));
    const all = [...this.running.values()];
    if (all.length > 0) this.app.log.info("jobs.draining", { running: all.length, graceMs });
    const timeout = new Promise<"timeout">((resolve) =>
      setTimeout(() => resolve("timeout"), graceMs).unref(),
    );
    const finished = await Promise.race([
      Promise.all(all.map((r) => r.done)).then(() => "done" as const),
      timeout,
    ]);
    if (finished === "timeout") {
      this.app.log.warn("jobs.stopping", { running: all.length });
      for (const r of all) r.controller.abort();
      await Promise.all(all.map((r) => r.done));
    }
  }

  private emit(job: Job): void {
    this.events.emit(job.id, job);
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.concurrency && this.queue.length > 0) {
      const id = this.queue.shift() as string;
      const controller = new AbortController();
      const entry: Running = { controller, done: Promise.resolve() };
      this.running.set(id, entry);
      entry.done = this.execute(id, controller).finally(() => {
        this.running.delete(id);
        this.pump();
      });
    }
  }

  private async execute(id: string, controller: AbortController): Promise<void> {
    const prisma = this.app.db.prisma;
    let job = await updateJob(prisma, id, { status: "running", startedAt: new Date(), stage: "starting" });
    this.emit(job);
    const handler = this.handlers[job.kind as JobKind];
    let lastWrite = 0;
    let lastStage = "";
    let writing: Promise<unknown> = Promise.resolve();
    const hooks: JobHooks = {
      signal: controller.signal,
      progress: (share, stage) => {
        job = { ...job, progress: Math.min(1, Math.max(0, share)), stage };
        this.emit(job);
        const now = Date.now();
        if (stage !== lastStage || now - lastWrite >= PERSIST_EVERY_MS) {
          lastStage = stage;
          lastWrite = now;
          const { progress } = job;
          writing = writing.then(() => updateJob(prisma, id, { progress, stage }).catch(() => undefined));
        }
      },
      linkRun: (runId) => {
        job = { ...job, runId };
        writing = writing.then(() => updateJob(prisma, id, { runId }).catch(() => undefined));
      },
    };
    const started = performance.now();
    const fields = { jobId: id, kind: job.kind, runId: job.runId, datasetId: job.datasetId };
    this.app.log.info("job.started", fields);
    try {
      if (!handler) throw new Error(`no handler for jobs of kind "${job.kind}"`);
      const result = await handler(this.app, job.input, hooks);
      await writing;
      job = await updateJob(prisma, id, {
        status: "succeeded",
        progress: 1,
        stage: "done",
        result,
        finishedAt: new Date(),
      });
    } catch (error) {
      await writing;
      const stopped = controller.signal.aborted || (error as Error).name === "AbortError";
      const typed = isKindredError(error) ? error : null;
      if (stopped && this.shuttingDown) {
        job = await markInterrupted(prisma, id, job.runId);
      } else {
        job = await updateJob(prisma, id, {
          status: stopped ? "cancelled" : "failed",
          stage: stopped ? "cancelled" : "failed",
          errorCode: stopped ? "CANCELLED" : (typed?.code ?? "INTERNAL"),
          errorMessage: stopped ? "cancelled by a user" : (error as Error).message,
          errorField: typed?.location.field ?? typed?.location.column ?? null,
          finishedAt: new Date(),
        });
      }
      if (!typed && !stopped)
        logUnexpected(this.app.log, "job.error", error, { ...fields, runId: job.runId });
    }
    const ms = Math.round(performance.now() - started);
    const ended = { ...fields, runId: job.runId, status: job.status, ms };
    if (job.status === "succeeded") this.app.log.info("job.finished", ended);
    else
      this.app.log.warn("job.finished", { ...ended, errorCode: job.errorCode, errorField: job.errorField });
    this.emit(job);
  }
}

/** Paths of files a job's input points at (uploads kept for the job), wherever they are nested. */
function uploadedFiles(input: unknown): string[] {
  if (!input || typeof input !== "object") return [];
  return Object.entries(input as Record<string, unknown>).flatMap(([key, value]) =>
    key === "path" && typeof value === "string" ? [value] : uploadedFiles(value),
  );
}
