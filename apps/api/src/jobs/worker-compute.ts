import { Worker } from "node:worker_threads";
import { KindredError } from "@kindred/engine/errors";
import type { AnalyzeOutput } from "@kindred/engine/pipeline";
import type { Env } from "../env.ts";
import {
  abortError,
  type Compute,
  type TrainComputation,
  type TransactionsComputation,
} from "../services/compute.ts";
import type { ComputeTask, ProgressMessage, SerializedError, WorkerMessage } from "./compute-worker.ts";

/** The bootstrap registers tsx in the new thread, then runs compute-worker.ts. */
const WORKER_ENTRY = new URL("./compute-worker.mjs", import.meta.url);

export interface WorkerCompute extends Compute {
  /** Worker threads alive now (one per task in flight). */
  readonly running: number;
  /** Stops every task in flight (each rejects) and resolves once their threads have ended. */
  close(): Promise<void>;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs each training or analysis in a fresh worker thread that ends with the task: tfjs memory
 * goes with the thread, and aborting is a hard stop (terminate) even mid-batch. The database
 * stays in the calling thread; only plain data crosses.
 */
export function createWorkerCompute(options: { tfBackend: Env["tfBackend"] }): WorkerCompute {
  /** Each live thread and how to stop its task with a given error. */
  const live = new Map<Worker, (error: Error) => void>();
  let closed = false;

  function runTask<T>(
    task: ComputeTask,
    signal: AbortSignal | undefined,
    onProgress: (message: ProgressMessage) => void,
  ): Promise<T> {
    const what = { train: "Training", analyze: "Analysis", transactions: "Reading the transactions" }[
      task.kind
    ];
    if (closed) return Promise.reject(new Error(`${what} refused: the worker compute is closed`));
    if (signal?.aborted) return Promise.reject(abortError(what, signal));
    return new Promise<T>((resolve, reject) => {
      const worker = new Worker(WORKER_ENTRY, { workerData: task, name: `kindred-${task.kind}` });
      let outcome: Outcome<T> | undefined;
      // The first outcome wins; the promise settles on "exit", so the thread is gone by then.
      const finish = (next: Outcome<T>) => {
        if (outcome) return;
        outcome = next;
        void worker.terminate();
      };
      const onAbort = () => finish({ ok: false, error: abortError(what, signal) });
      live.set(worker, (error) => finish({ ok: false, error }));
      signal?.addEventListener("abort", onAbort, { once: true });

      worker.on("message", (message: WorkerMessage) => {
        if (outcome) return;
        if (message.type === "progress") {
          try {
            onProgress(message);
          } catch (error) {
            // As in process, a throwing progress callback fails the task.
            finish({ ok: false, error });
          }
        } else if (message.type === "result") {
          finish({ ok: true, value: message.value as T });
        } else {
          finish({ ok: false, error: deserializeError(message.error) });
        }
      });
      worker.on("messageerror", (error) =>
        finish({
          ok: false,
          error: new Error(`${what} worker sent a message that could not be read`, { cause: error }),
        }),
      );
      worker.on("error", (error) =>
        finish({ ok: false, error: new Error(`${what} worker crashed: ${error.message}`, { cause: error }) }),
      );
      worker.on("exit", (code) => {
        live.delete(worker);
        signal?.removeEventListener("abort", onAbort);
        const settled: Outcome<T> = outcome ?? {
          ok: false,
          error: new Error(`${what} worker exited unexpectedly (exit code ${code}) before sending a result`),
        };
        if (settled.ok) resolve(settled.value);
        else reject(settled.error);
      });
    });
  }

  return {
    train(table, schema, config, hooks) {
      return runTask<TrainComputation>(
        { kind: "train", tfBackend: options.tfBackend, table, schema, config },
        hooks.signal,
        (message) => {
          if (message.task === "train") hooks.onProgress?.(message.progress);
        },
      );
    },

    analyze(input, config, hooks) {
      return runTask<AnalyzeOutput>({ kind: "analyze", input, config }, hooks.signal, (message) => {
        if (message.task === "analyze") hooks.onProgress?.(message.stage, message.share);
      });
    },

    transactions(task, hooks) {
      return runTask<TransactionsComputation>({ kind: "transactions", task }, undefined, (message) => {
        if (message.task === "transactions") hooks.onProgress?.(message.share);
      });
    },

    get running() {
      return live.size;
    },

    async close() {
      closed = true;
      const workers = [...live];
      for (const [, stop] of workers) stop(new Error("the worker compute was closed while the task ran"));
      await Promise.all(workers.map(([worker]) => worker.terminate()));
    },
  };
}

/** Rebuilds a worker's error in this thread: KindredErrors by code and location, others by name. */
function deserializeError(error: SerializedError): Error {
  if (error.kind === "kindred") return new KindredError(error.code, error.message, error.location);
  // The worker's stack rides along as the cause, for logs.
  const remote = new Error(error.message);
  remote.name = error.name;
  if (error.stack !== undefined) remote.stack = error.stack;
  const rebuilt = new Error(error.message, { cause: remote });
  rebuilt.name = error.name;
  if (error.code !== undefined) Object.assign(rebuilt, { code: error.code });
  return rebuilt;
}
