import type { AppContext } from "../../apps/api/src/context.ts";
import { importDataset } from "../../apps/api/src/services/import-dataset.ts";
import { trainDatasetRun } from "../../apps/api/src/services/train-run.ts";
import { THERA_BANK } from "./data.ts";

/** Thera Bank imported as the seed workflow does (ID as customer id, ZIP Code dropped) and trained. */
export async function trainTheraBank(ctx: AppContext): Promise<{ datasetId: string; runId: string }> {
  const { dataset } = await importDataset(ctx, {
    path: THERA_BANK,
    target: "Personal Loan",
    idColumn: "ID",
    drop: ["ZIP Code"],
  });
  const { runId } = await trainDatasetRun(ctx, { dataset: dataset.id });
  return { datasetId: dataset.id, runId };
}
