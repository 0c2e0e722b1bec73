// Builds the dashboard (next build) when it has never been built or its sources changed since.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const WEB_DIR = fileURLToPath(new URL("../apps/web/", import.meta.url));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether `next build`'s output is older than the dashboard's sources (or missing). */
export function webBuildStale(): boolean {
  const buildId = join(WEB_DIR, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = Math.max(
    newestSource(join(WEB_DIR, "src")),
    statSync(join(WEB_DIR, "next.config.ts")).mtimeMs,
  );
  return sources > built;
}

export function buildWeb(log: (line: string) => void = console.error): void {
  if (!webBuildStale()) return;
  log("building the dashboard (next build)…");
  const result = spawnSync(
    process.execPath,
    [join(WEB_DIR, "../../node_modules/next/dist/bin/next"), "build"],
    {
      cwd: WEB_DIR,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: "" },
    },
  );
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}

if (import.meta.url === `file://${process.argv[1]}`) buildWeb();
