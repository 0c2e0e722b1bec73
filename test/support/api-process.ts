import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { ADMIN } from "./api.ts";

const API_BIN = fileURLToPath(new URL("../../apps/api/bin/kindred-api.js", import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers under 500, failing early when `child` exits. */
export async function waitFor(
  url: string,
  child: ChildProcess,
  what: string,
  log: () => string,
): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not start:\n${log()}`);
}

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<number | string>;
}

/**
 * `kindred-api` as its own process, as production runs it (`npm run start:api`), on a data
 * directory (and DATABASE_URL) of the caller's, with the test admin; resolves once it is ready.
 */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [API_BIN], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      KINDRED_ADMIN_EMAIL: ADMIN.email,
      KINDRED_ADMIN_PASSWORD: ADMIN.password,
      PORT: String(port),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };
  try {
    await waitFor(`${url}/readyz`, child, "the API", () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, child, output: () => output, exited, stop };
}
