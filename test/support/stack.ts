import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { buildWeb, WEB_DIR } from "../../scripts/web-build.ts";
import { freePort, startApiProcess, waitFor } from "./api-process.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CHROMIUM = process.env.KINDRED_CHROMIUM ?? "/usr/bin/chromium";

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
  const common = { NEXT_TELEMETRY_DISABLED: "1", ...env };
  const api = await startApiProcess({ ...common, KINDRED_DATA_DIR: dataDir }).catch((error) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  const webPort = await freePort();
  let log = "";
  const web = spawn(
    process.execPath,
    [join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(webPort)],
    {
      cwd: WEB_DIR,
      env: { ...process.env, ...common, KINDRED_API_URL: api.url },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  for (const stream of [web.stdout, web.stderr]) {
    stream?.on("data", (chunk) => {
      log += String(chunk);
    });
  }
  const stop = async () => {
    if (web.exitCode === null) {
      web.kill("SIGTERM");
      await new Promise((r) => web.once("exit", r));
    }
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(`http://127.0.0.1:${webPort}/login`, web, "the dashboard", () => `${api.output()}\n${log}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { apiUrl: api.url, webUrl: `http://127.0.0.1:${webPort}`, dataDir, stop };
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
