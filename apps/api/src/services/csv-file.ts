import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";

/**
 * Writes a CSV that appears only when complete: rows go to `<path>.partial`, renamed at the end,
 * removed on any failure — so a target list or score file is never half-written.
 */
export async function writeCsvAtomically(
  path: string,
  header: readonly string[],
  rows: Iterable<readonly (string | number)[]>,
): Promise<number> {
  const partial = `${path}.partial`;
  const stream = createWriteStream(partial);
  let count = 0;
  try {
    stream.write(`${header.map(csvField).join(",")}\n`);
    for (const row of rows) {
      const line = `${row.map((v) => (typeof v === "number" ? String(v) : csvField(v))).join(",")}\n`;
      if (!stream.write(line)) await once(stream, "drain");
      count++;
    }
    stream.end();
    await once(stream, "finish");
    await rename(partial, path);
    return count;
  } catch (error) {
    stream.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
