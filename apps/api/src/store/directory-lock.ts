import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { KindredError } from "@kindred/engine/errors";

/**
 * An exclusive lock as a file holding the owner's pid: the embedded database must have one
 * process at a time. A lock left by a process that no longer runs is taken over.
 */
export function acquireDirectoryLock(path: string): () => void {
  try {
    writeFileSync(path, String(process.pid), { flag: "wx" });
  } catch {
    const owner = Number(readFileSync(path, "utf8"));
    if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
      throw new KindredError(
        "CONFLICT",
        `the embedded database is in use by process ${owner} (${path}); stop it, or set DATABASE_URL to use PostgreSQL`,
      );
    }
    writeFileSync(path, String(process.pid));
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    rmSync(path, { force: true });
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
