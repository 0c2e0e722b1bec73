import { basename } from "node:path";
import { columnIndex } from "@kindred/engine/data";
import { embeddingDrift, featureDrift, psiStatus } from "@kindred/engine/drift";
import { checkBatchColumns, featureValues } from "@kindred/engine/pipeline";
import { gatherRows } from "@kindred/engine/project";
import type { AppContext } from "../context.ts";
import { getDataset, loadTable } from "../store/dataset-store.ts";
import { saveDriftReport } from "../store/drift-store.ts";
import { loadRunRows } from "../store/run-store.ts";
import { writeCsvAtomically } from "./csv-file.ts";
import { type PersonaRefresh, refreshPersonas } from "./persona-refresh.ts";
import { readCsvFile } from "./read-file.ts";
import { loadRunModel, scoreRows } from "./run-model.ts";

export interface ScoreInput {
  runId: string;
  path: string;
  /** The batch's name as the user knows it (an upload's own name); default: the path's. */
  sourceName?: string;
  out?: string;
  onProgress?: (share: number, stage: string) => void;
}

export interface ScoreResult {
  rows: number;
  out: string | null;
  /** Batch columns the run does not know (ignored). */
  extraColumns: string[];
  drift: {
    reportId: string;
    maxPsi: number;
    status: string;
    flaggedDims: number[];
    centroidDistance: number;
    features: { name: string; psi: number; status: string }[];
  };
  /** The run's personas updated with the batch (mini-batch k-means); null before any analysis. */
  personas: PersonaRefresh | null;
}

/**
 * Scores and embeds a new batch with a run's saved model, writes `customer_id,probability`
 * when asked, and stores a drift report of the batch against the run's training rows. The batch
 * must carry the run's feature columns; nothing is written when it does not.
 */
export async function scoreBatch(ctx: AppContext, input: ScoreInput): Promise<ScoreResult> {
  const loaded = await loadRunModel(ctx, input.runId);
  const { table } = await readCsvFile(input.path, {
    maxBytes: ctx.env.maxFileBytes,
    onProgress: (share) => input.onProgress?.(share * 0.3, "reading"),
  });
  const { extra } = checkBatchColumns(table, loaded.schema);
  input.onProgress?.(0.4, "scoring");
  const scored = scoreRows(loaded, table);

  const idColumn = loaded.schema.idColumn;
  const ids =
    idColumn && table.header.includes(idColumn)
      ? (table.columns[columnIndex(table, idColumn)] as string[]).map((v) => v.trim())
      : Array.from({ length: table.rowCount }, (_, r) => String(r + 1));

  input.onProgress?.(0.6, "drift");
  const prisma = ctx.db.prisma;
  const runRows = await loadRunRows(prisma, loaded.run);
  const { table: trainingTable } = await loadTable(prisma, await getDataset(prisma, loaded.run.datasetId));
  const trainRows = Uint32Array.from(runRows.splits.flatMap((s, r) => (s === "train" ? [r] : [])));
  const dim = runRows.dim;
  const embedding = embeddingDrift(
    gatherRows({ data: runRows.embeddings, rows: runRows.customerIds.length, cols: dim }, trainRows),
    { data: scored.embeddings, rows: table.rowCount, cols: dim },
  );
  const features = featureDrift(
    featureValues(trainingTable, loaded.schema, trainRows),
    featureValues(table, loaded.schema),
  );

  if (input.out) {
    const probabilities = scored.probabilities;
    await writeCsvAtomically(
      input.out,
      probabilities ? ["customer_id", "probability"] : ["customer_id"],
      ids.map((id, r) => (probabilities ? [id, probabilities[r] as number] : [id])),
    );
  }
  const report = await saveDriftReport(prisma, {
    runId: loaded.run.id,
    against: "batch",
    source: basename(input.sourceName ?? input.path),
    baselineRows: trainRows.length,
    currentRows: table.rowCount,
    dims: embedding.dims,
    features,
    maxPsi: embedding.maxPsi,
    centroidDistance: embedding.centroidDistance,
    status: psiStatus(embedding.maxPsi),
  });
  input.onProgress?.(0.9, "personas");
  // Customer ids that repeat within a batch cannot be followed over time: no snapshot then.
  const personas =
    new Set(ids).size === ids.length
      ? await refreshPersonas(ctx, loaded.run, runRows, { keys: ids, embeddings: scored.embeddings })
      : null;
  loaded.model.dispose();
  input.onProgress?.(1, "done");
  return {
    rows: table.rowCount,
    out: input.out ?? null,
    extraColumns: extra,
    drift: {
      reportId: report.id,
      maxPsi: embedding.maxPsi,
      status: report.status,
      flaggedDims: embedding.flagged,
      centroidDistance: embedding.centroidDistance,
      features: features.map((f) => ({ name: f.name, psi: f.psi, status: f.status })),
    },
    personas,
  };
}
