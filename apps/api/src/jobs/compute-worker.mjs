// Entry of a compute worker thread. Threads do not inherit the tsx loader that the main process
// registered in code (bin/kindred.js, vitest), so register it here before loading TypeScript.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { runComputeTask } = await import("./compute-worker.ts");
await runComputeTask(workerData, parentPort);
