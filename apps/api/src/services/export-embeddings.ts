import type { AppContext } from "../context.ts";
import { getRun, loadRunRows } from "../store/run-store.ts";
import { writeCsvAtomically } from "./csv-file.ts";

/** Writes `customer_id,emb_1..emb_d` for every customer of a run, complete or not at all. */
export async function exportEmbeddings(
  ctx: AppContext,
  input: { runId: string; out: string },
): Promise<{ rows: number; dim: number; path: string }> {
  const run = await getRun(ctx.db.prisma, input.runId);
  const { customerKeys, embeddings, dim } = await loadRunRows(ctx.db.prisma, run);
  const header = ["customer_id", ...Array.from({ length: dim }, (_, j) => `emb_${j + 1}`)];
  function* rows() {
    for (let r = 0; r < customerKeys.length; r++) {
      yield [customerKeys[r] as string, ...embeddings.subarray(r * dim, (r + 1) * dim)];
    }
  }
  await writeCsvAtomically(input.out, header, rows());
  return { rows: customerKeys.length, dim, path: input.out };
}
