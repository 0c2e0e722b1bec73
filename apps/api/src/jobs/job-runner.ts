import { EventEmitter } from "node:events";
import { isKindredError } from "@kindred/engine/errors";
import type { AppContext } from "../context.ts";
import { removeRunArtifacts } from "../store/artifact-store.ts";
import { removeIndexFiles } from "../store/embedded-index-files.ts";
import {
  createJob,
  failInterrupted,
  findJob,
  type Job,
  type JobKind,
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
      await removeIndexFiles(this.app.env.dataDir, runId);
    }
    return { jobs, runs: runIds.length };
  }

  async enqueue(
    kind: JobKind,
    input: object,
    meta: { createdById?: string | null; runId?: string | null; datasetId?: string | null } = {},
  ): Promise<Job> {
    const job = await createJob(this.app.db.prisma, { kind, input, ...meta });
    this.queue.push(job.id);
    this.emit(job);
    this.pump();
    return job;
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
   * Stops taking jobs; running ones get `graceMs` to finish, then are cancelled (their runs end
   * failed or cancelled, never half-written). Queued ones stay queued and fail at next start.
   */
  async close(graceMs = 30_000): Promise<void> {
    this.closed = true;
    const all = [...this.running.values()];
    const timeout = new Promise<"timeout">((resolve) =>
      setTimeout(() => resolve("timeout"), graceMs).unref(),
    );
    const finished = await Promise.race([
      Promise.all(all.map((r) => r.done)).then(() => "done" as const),
      timeout,
    ]);
    if (finished === "timeout") {
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
      const cancelled = controller.signal.aborted || (error as Error).name === "AbortError";
      const typed = isKindredError(error) ? error : null;
      job = await updateJob(prisma, id, {
        status: cancelled ? "cancelled" : "failed",
        stage: cancelled ? "cancelled" : "failed",
        errorCode: cancelled ? "CANCELLED" : (typed?.code ?? "INTERNAL"),
        errorMessage: cancelled ? "cancelled by a user" : (error as Error).message,
        errorField: typed?.location.field ?? typed?.location.column ?? null,
        finishedAt: new Date(),
      });
      if (!typed && !cancelled) console.error(`job ${id} (${job.kind}) failed:`, error);
    }
    this.emit(job);
  }
}
