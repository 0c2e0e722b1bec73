import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { PointPayload } from "@kindred/engine/lookalike";

/**
 * The embedded vector index of a run on disk, beside the embedded database:
 * `<dataDir>/vectors/<runId>/` holds one raw little-endian Float32 file per space, the point ids
 * (Uint32) and the payloads (JSON). Written to a `.partial` folder and renamed, so a crash never
 * leaves a half-written index under a run's name.
 */
export interface IndexFiles {
  vectors: Record<string, Float32Array>;
  ids: Uint32Array;
  payload: PointPayload[];
  /** What the index was built from (run, analysis), to know when it is stale. */
  meta: { runId: string; analysisId: string | null; dims: Record<string, number> };
}

function folder(dataDir: string, runId: string): string {
  return join(dataDir, "vectors", runId);
}

export async function writeIndexFiles(dataDir: string, files: IndexFiles): Promise<void> {
  const target = folder(dataDir, files.meta.runId);
  const partial = `${target}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  for (const [space, vectors] of Object.entries(files.vectors)) {
    await writeFile(
      join(partial, `${space}.f32`),
      new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength),
    );
  }
  await writeFile(
    join(partial, "ids.u32"),
    new Uint8Array(files.ids.buffer, files.ids.byteOffset, files.ids.byteLength),
  );
  await writeFile(join(partial, "payload.json"), JSON.stringify(files.payload));
  await writeFile(join(partial, "meta.json"), JSON.stringify(files.meta));
  await rm(target, { recursive: true, force: true });
  await rename(partial, target);
}

/** The stored index, or null when there is none (or it is incomplete). */
export async function readIndexFiles(dataDir: string, runId: string): Promise<IndexFiles | null> {
  const dir = folder(dataDir, runId);
  try {
    const meta = JSON.parse(await readFile(join(dir, "meta.json"), "utf8")) as IndexFiles["meta"];
    const vectors: Record<string, Float32Array> = {};
    for (const space of Object.keys(meta.dims)) {
      const bytes = await readFile(join(dir, `${space}.f32`));
      vectors[space] = new Float32Array(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      );
    }
    const idBytes = await readFile(join(dir, "ids.u32"));
    const ids = new Uint32Array(
      idBytes.buffer.slice(idBytes.byteOffset, idBytes.byteOffset + idBytes.byteLength),
    );
    const payload = JSON.parse(await readFile(join(dir, "payload.json"), "utf8")) as PointPayload[];
    return { vectors, ids, payload, meta };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Removes a run's index, and whatever a write cut short left in its `.partial` folder. */
export async function removeIndexFiles(dataDir: string, runId: string): Promise<void> {
  await rm(folder(dataDir, runId), { recursive: true, force: true });
  await rm(`${folder(dataDir, runId)}.partial`, { recursive: true, force: true });
}
