import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { buildWeb, WEB_DIR } from "../../scripts/web-build.ts";
import { ADMIN } from "./api.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CHROMIUM = process.env.KINDRED_CHROMIUM ?? "/usr/bin/chromium";

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, what: string, log: () => string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not start:\n${log()}`);
}

export interface Stack {
  apiUrl: string;
  webUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The production pair as separate processes, as `npm start` runs them: the API (embedded defaults,
 * a fresh data directory, a first admin) and the built dashboard (`next start`) in front of it.
 */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  buildWeb();
  const dataDir = mkdtempSync(join(tmpdir(), "kindred-e2e-"));
  const [apiPort, webPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const common = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "", ...env };
  let log = "";
  const record = (child: ChildProcess) => {
    child.stdout?.on("data", (chunk) => {
      log += String(chunk);
    });
    child.stderr?.on("data", (chunk) => {
      log += String(chunk);
    });
  };
  const api = spawn(process.execPath, [join(ROOT, "apps/api/bin/kindred-api.js")], {
    env: {
      ...common,
      KINDRED_DATA_DIR: dataDir,
      PORT: String(apiPort),
      KINDRED_ADMIN_EMAIL: ADMIN.email,
      KINDRED_ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  record(api);
  const web = spawn(
    process.execPath,
    [join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(webPort)],
    {
      cwd: WEB_DIR,
      env: { ...common, KINDRED_API_URL: apiUrl },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  record(web);
  const stop = async () => {
    for (const child of [web, api]) {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${apiUrl}/health`, api, "the API", () => log);
    await waitFor(`http://127.0.0.1:${webPort}/login`, web, "the dashboard", () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { apiUrl, webUrl: `http://127.0.0.1:${webPort}`, dataDir, stop };
}

/**
 * Debian's Chromium driven by playwright-core. Without it the browser tests are skipped with a
 * warning — except in CI, which installs it and must run them.
 */
export async function launchBrowser(): Promise<Browser | null> {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`Chromium is required in CI (${CHROMIUM}): apt-get install chromium`);
    console.warn(`no Chromium at ${CHROMIUM}: the browser tests are skipped`);
    return null;
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--use-gl=angle",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
    ],
  });
}
