import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { readCsv } from "@kindred/engine/data";
import { KindredError } from "@kindred/engine/errors";

export interface ReadFileResult {
  table: Awaited<ReturnType<typeof readCsv>>;
  sha256: string;
  bytes: number;
}

/** Streams a CSV file from disk into a table, hashing it on the way and enforcing the size limit. */
export async function readCsvFile(
  path: string,
  options: { maxBytes: number; onProgress?: (share: number) => void },
): Promise<ReadFileResult> {
  const info = await stat(path).catch(() => {
    throw new KindredError("NOT_FOUND", `cannot read "${path}": no such file`, { field: "file" });
  });
  if (!info.isFile()) throw new KindredError("NOT_FOUND", `"${path}" is not a file`, { field: "file" });
  if (info.size > options.maxBytes) {
    throw new KindredError(
      "FILE_TOO_LARGE",
      `"${path}" is ${info.size} bytes, over the limit of ${options.maxBytes} (KINDRED_MAX_FILE_BYTES)`,
      { field: "file" },
    );
  }
  const hash = createHash("sha256");
  async function* hashed() {
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk as Buffer);
      yield chunk as Uint8Array;
    }
  }
  const table = await readCsv(hashed(), {
    maxBytes: options.maxBytes,
    onProgress: options.onProgress
      ? (bytes) => options.onProgress?.(bytes / Math.max(1, info.size))
      : undefined,
  });
  return { table, sha256: hash.digest("hex"), bytes: info.size };
}
