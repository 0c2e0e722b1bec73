import type { MessagePort } from "node:worker_threads";
import type { DatasetSchema, RawTable } from "@kindred/engine/data";
import { type ErrorLocation, isKindredError, type KindredErrorCode } from "@kindred/engine/errors";
import { type BackendPreference, initBackend } from "@kindred/engine/model";
import type {
  AnalyzeConfig,
  AnalyzeInput,
  AnalyzeStage,
  RunConfig,
  RunProgress,
} from "@kindred/engine/pipeline";
import { inProcessCompute, type TransactionsTask } from "../services/compute.ts";

/**
 * One worker thread runs one task (compute-worker.mjs starts it with `workerData`). Everything in
 * a task and in its messages is structured-clone data.
 */
export type ComputeTask =
  | { kind: "train"; tfBackend: BackendPreference; table: RawTable; schema: DatasetSchema; config: RunConfig }
  | { kind: "analyze"; input: AnalyzeInput; config: AnalyzeConfig }
  | { kind: "transactions"; task: TransactionsTask };

/** An error as it crosses the thread boundary; KindredErrors keep their code and location. */
export type SerializedError =
  | { kind: "kindred"; code: KindredErrorCode; message: string; location: ErrorLocation; stack?: string }
  | { kind: "error"; name: string; message: string; code?: string; stack?: string };

export type ProgressMessage =
  | { type: "progress"; task: "train"; progress: RunProgress }
  | { type: "progress"; task: "analyze"; stage: AnalyzeStage; share: number }
  | { type: "progress"; task: "transactions"; share: number };

export type WorkerMessage =
  | ProgressMessage
  | { type: "result"; value: unknown }
  | { type: "error"; error: SerializedError };

/** Runs the task with the in-process engine and reports progress, then the result or the error. */
export async function runComputeTask(task: ComputeTask, port: MessagePort): Promise<void> {
  const post = (message: WorkerMessage) => port.postMessage(message);
  try {
    postResult(port, await run(task, post));
  } catch (error) {
    post({ type: "error", error: serializeError(error) });
  }
}

async function run(task: ComputeTask, post: (message: WorkerMessage) => void): Promise<unknown> {
  if (task.kind === "transactions") {
    return inProcessCompute.transactions(task.task, {
      onProgress: (share) => post({ type: "progress", task: "transactions", share }),
    });
  }
  if (task.kind === "analyze") {
    return inProcessCompute.analyze(task.input, task.config, {
      onProgress: (stage, share) => post({ type: "progress", task: "analyze", stage, share }),
    });
  }
  // A fresh thread has no tfjs backend yet: pick it with the same preference as the main thread.
  await initBackend(task.tfBackend);
  return inProcessCompute.train(task.table, task.schema, task.config, {
    onProgress: (progress) => post({ type: "progress", task: "train", progress }),
  });
}

/**
 * Moves the result's buffers instead of copying them: this thread ends right after, so nothing
 * here reads them again. A buffer that cannot move (e.g. wasm memory) falls back to a copy.
 */
function postResult(port: MessagePort, value: unknown): void {
  const message: WorkerMessage = { type: "result", value };
  try {
    port.postMessage(message, transferableBuffers(value));
    return;
  } catch {
    // Transfer refused: nothing was sent, so send a copy.
  }
  try {
    port.postMessage(message);
  } catch (error) {
    port.postMessage({ type: "error", error: serializeError(error) } satisfies WorkerMessage);
  }
}

function transferableBuffers(value: unknown): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== "object" || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer && v.buffer.byteLength > 0) buffers.add(v.buffer);
    } else if (v instanceof Map) {
      for (const [key, item] of v) {
        visit(key);
        visit(item);
      }
    } else if (Array.isArray(v)) {
      for (const item of v) visit(item);
    } else {
      for (const item of Object.values(v)) visit(item);
    }
  };
  visit(value);
  return [...buffers];
}

export function serializeError(error: unknown): SerializedError {
  if (isKindredError(error)) {
    return {
      kind: "kindred",
      code: error.code,
      message: error.message,
      location: { ...error.location },
      stack: error.stack,
    };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      kind: "error",
      name: error.name,
      message: error.message,
      ...(typeof code === "string" ? { code } : {}),
      stack: error.stack,
    };
  }
  return { kind: "error", name: "Error", message: String(error) };
}
