import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * A run's saved model lives in `<dataDir>/runs/<runId>/` as JSON files. It is written to a
 * `.partial` folder first and renamed into place, so a crash never leaves a half-written model
 * under a run's name.
 */
export async function saveRunArtifacts(
  dataDir: string,
  runId: string,
  files: Record<string, unknown>,
): Promise<string> {
  const relative = join("runs", runId);
  const target = join(dataDir, relative);
  const partial = `${target}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(partial, `${name}.json`), JSON.stringify(content));
  }
  await rm(target, { recursive: true, force: true });
  await rename(partial, target);
  return relative;
}

export async function loadRunArtifact<T>(dataDir: string, artifactPath: string, name: string): Promise<T> {
  return JSON.parse(await readFile(join(dataDir, artifactPath, `${name}.json`), "utf8")) as T;
}

export async function removeRunArtifacts(dataDir: string, runId: string): Promise<void> {
  const target = join(dataDir, "runs", runId);
  await rm(target, { recursive: true, force: true });
  await rm(`${target}.partial`, { recursive: true, force: true });
}
