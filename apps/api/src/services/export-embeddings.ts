import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import type { AppContext } from "../context.ts";
import { getRun, loadRunRows } from "../store/run-store.ts";

/**
 * Writes `customer_id,emb_1..emb_d` for every customer of a run. The file appears only when
 * complete (written beside it, then renamed).
 */
export async function exportEmbeddings(
  ctx: AppContext,
  input: { runId: string; out: string },
): Promise<{ rows: number; dim: number; path: string }> {
  const run = await getRun(ctx.db.prisma, input.runId);
  const { customerKeys, embeddings, dim } = await loadRunRows(ctx.db.prisma, run);
  const partial = `${input.out}.partial`;
  const stream = createWriteStream(partial);
  try {
    const header = ["customer_id", ...Array.from({ length: dim }, (_, j) => `emb_${j + 1}`)];
    stream.write(`${header.join(",")}\n`);
    for (let r = 0; r < customerKeys.length; r++) {
      const values = Array.from(embeddings.subarray(r * dim, (r + 1) * dim), (v) => String(v));
      const line = `${csvField(customerKeys[r] as string)},${values.join(",")}\n`;
      if (!stream.write(line)) await once(stream, "drain");
    }
    stream.end();
    await once(stream, "finish");
    await rename(partial, input.out);
  } catch (error) {
    stream.destroy();
    await rm(partial, { force: true });
    throw error;
  }
  return { rows: customerKeys.length, dim, path: input.out };
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
