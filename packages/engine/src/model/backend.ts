import * as tf from "@tensorflow/tfjs";
import { KindredError } from "../errors/index.ts";

export type BackendPreference = "auto" | "tensorflow" | "wasm" | "cpu";

/**
 * The native TensorFlow binding is optional (its install downloads libtensorflow). Importing it
 * through a variable keeps bundlers and the type checker from requiring it.
 */
const NODE_BINDING = "@tensorflow/tfjs-node";

async function tryTensorflow(): Promise<string | null> {
  try {
    if (!tf.findBackendFactory("tensorflow")) await import(/* @vite-ignore */ NODE_BINDING);
    return (await tf.setBackend("tensorflow")) ? "tensorflow" : null;
  } catch {
    return null;
  }
}

async function tryWasm(): Promise<string | null> {
  try {
    // The package registers the "wasm" backend on import; in Node its CommonJS build finds its
    // .wasm files next to itself, so no setWasmPaths is needed (checked under tsx and vitest).
    if (!tf.findBackendFactory("wasm")) await import("@tensorflow/tfjs-backend-wasm");
    return (await tf.setBackend("wasm")) ? "wasm" : null;
  } catch {
    return null;
  }
}

async function useCpu(): Promise<string> {
  if (!(await tf.setBackend("cpu"))) throw new Error("tfjs could not initialise its cpu backend");
  // The cpu backend prints a one-off "install tfjs-node to speed things up" notice on first use;
  // it is advice, not an error, and we already tried the native binding. Mark it as shown.
  const backend = tf.backend() as unknown as { firstUse?: boolean };
  if (backend.firstUse === true) backend.firstUse = false;
  return "cpu";
}

/**
 * Selects the tfjs backend and returns its name. "auto" tries the native TensorFlow binding, then
 * WebAssembly, then the pure-JS cpu backend. Idempotent: the chosen backend stays selected in
 * tfjs's engine and a repeat call returns at once. An explicit preference that cannot load
 * throws INVALID_CONFIG (field "backend").
 */
export function initBackend(preferred: BackendPreference = "auto"): Promise<string> {
  // Calls run one after another: two concurrent first-time wasm initialisations would race inside
  // tfjs, and the loser's setBackend reports failure.
  const run = queue.then(() => selectBackend(preferred));
  queue = run.catch(() => undefined);
  return run;
}

/** Tail of the initBackend calls in flight (module state on purpose: it guards tfjs's global engine). */
let queue: Promise<unknown> = Promise.resolve();

async function selectBackend(preferred: BackendPreference): Promise<string> {
  const current = tf.getBackend() as string | undefined | null;
  if (current && (preferred === current || (preferred === "auto" && current !== "cpu"))) {
    await tf.ready();
    return current;
  }
  if (preferred === "auto") {
    return (await tryTensorflow()) ?? (await tryWasm()) ?? (await useCpu());
  }
  const loaded =
    preferred === "tensorflow"
      ? await tryTensorflow()
      : preferred === "wasm"
        ? await tryWasm()
        : preferred === "cpu"
          ? await useCpu()
          : null;
  if (loaded === null) {
    throw new KindredError(
      "INVALID_CONFIG",
      `backend: "${String(preferred)}" could not be loaded${preferred === "tensorflow" ? ` (is ${NODE_BINDING} installed?)` : ""}`,
      { field: "backend" },
    );
  }
  return loaded;
}

/** Picks a backend on first use unless the caller already chose one. */
export async function ensureBackend(): Promise<string> {
  const current = tf.getBackend() as string | undefined | null;
  if (current) return current;
  return initBackend("auto");
}
