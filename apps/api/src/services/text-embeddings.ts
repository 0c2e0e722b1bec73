import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { DatasetSchema } from "@kindred/engine/data";
import { KindredError } from "@kindred/engine/errors";
import {
  type DictionaryEntry,
  dictionaryFromRows,
  dictionaryFromTable,
  encodeAll,
  findDictionarySheet,
  matchDictionary,
  openXlsx,
  renderRows,
} from "@kindred/engine/text";
import type { AppContext } from "../context.ts";
import { loadRunArtifact } from "../store/artifact-store.ts";
import { getDataset, loadTable } from "../store/dataset-store.ts";
import { getRun, loadRunRows, type Run, saveTextSpace, updateTextInfo } from "../store/run-store.ts";
import { nearestNonBuyers } from "./lookalike.ts";
import { readCsvFile } from "./read-file.ts";
import { MLP_SPACE, TEXT_SPACE } from "./run-index.ts";
import { saveTextMap } from "./text-map.ts";

export interface DictionaryFile {
  path: string;
  /** The file's own name (an upload's), to tell .xlsx from .csv. */
  filename: string;
  /** Sheet of a workbook holding the dictionary; default: the sheet that lists the most columns. */
  sheet?: string;
}

export interface EmbedTextInput {
  runId: string;
  dictionary?: DictionaryFile;
  /** A sentence-transformer folder or name; default KINDRED_TEXT_MODEL. */
  model?: string;
  onProgress?: (share: number, stage: string) => void;
  signal?: AbortSignal;
}

/** List A in the MLP space against List A in the text space: how many customers both pick. */
export interface SpaceComparison {
  mlp: number;
  text: number;
  overlap: number;
  jaccard: number;
  /** The first customers both lists share, in the MLP list's order. */
  shared: string[];
}

export interface TextSpaceSummary {
  runId: string;
  model: string;
  dim: number;
  rows: number;
  dictionary: string | null;
  /** The first customer as the encoder read it. */
  sample: string;
  comparison: SpaceComparison | null;
  timings: { renderMs: number; encodeMs: number; saveMs: number };
}

/**
 * The dictionary's entry for each dataset column it describes, from a CSV (column, description[,
 * unit][, codes]) or a workbook's sheet. A name matching no column of the dataset is an error.
 */
export async function readDictionary(
  file: DictionaryFile,
  maxBytes: number,
  schema: DatasetSchema,
): Promise<Map<string, DictionaryEntry>> {
  const isWorkbook = [".xlsx", ".xlsm"].includes(extname(file.filename).toLowerCase());
  if (isWorkbook) {
    const workbook = openXlsx(new Uint8Array(await readFile(file.path)));
    const sheet = file.sheet ?? findDictionarySheet(workbook.sheets, workbook.read, schema);
    return matchDictionary(dictionaryFromRows(workbook.read(sheet)), schema);
  }
  const { table } = await readCsvFile(file.path, { maxBytes });
  return matchDictionary(dictionaryFromTable(table), schema);
}

/**
 * The run's text space: every customer rendered as "description: value" text (descriptions, units
 * and codes from the dictionary when given), embedded by the sentence encoder in batches, stored
 * beside the MLP embeddings (one transaction) and indexed as the vector space "text". A PCA map of
 * it joins the latest analysis, and List A in both spaces is compared.
 */
export async function embedRunText(ctx: AppContext, input: EmbedTextInput): Promise<TextSpaceSummary> {
  const prisma = ctx.db.prisma;
  const run = await getRun(prisma, input.runId);
  if (run.status !== "succeeded" || !run.artifactPath) {
    throw new KindredError("CONFLICT", `run ${run.id} is ${run.status}: it has no customers to embed yet`, {
      field: "runId",
    });
  }
  const model = input.model ?? ctx.env.textModel;
  if (!model) {
    throw new KindredError(
      "INVALID_CONFIG",
      "no text model: set KINDRED_TEXT_MODEL to a sentence-transformer folder (e.g. Xenova/paraphrase-MiniLM-L6-v2) or name one",
      { field: "model" },
    );
  }
  const schema = await loadRunArtifact<DatasetSchema>(ctx.env.dataDir, run.artifactPath, "schema");
  // The dictionary is checked before the model loads: a wrong file fails fast.
  const entries = input.dictionary
    ? await readDictionary(input.dictionary, ctx.env.maxFileBytes, schema)
    : new Map();
  input.onProgress?.(0.02, "loading the text model");
  // Loaded on use: onnxruntime is heavy, and most commands never embed text.
  const { openTransformersEncoder } = await import("../text/transformers-encoder.ts");
  const encoder = await openTransformersEncoder({ model, modelsDir: ctx.env.textModelsDir });
  try {
    let t = performance.now();
    const { table, customerIds } = await loadTable(prisma, await getDataset(prisma, run.datasetId));
    const texts = renderRows(table, schema, entries);
    const renderMs = performance.now() - t;
    t = performance.now();
    const vectors = await encodeAll(encoder, texts, {
      signal: input.signal,
      onProgress: (done, total) =>
        input.onProgress?.(0.05 + (0.85 * done) / total, `embedding ${done} of ${total}`),
    });
    const encodeMs = performance.now() - t;
    input.onProgress?.(0.92, "saving");
    t = performance.now();
    const info = {
      dictionary: input.dictionary?.filename ?? null,
      sample: texts[0] ?? "",
      rows: texts.length,
    };
    const saved = await saveTextSpace(prisma, run.id, {
      model,
      dim: encoder.dim,
      info,
      customerIds,
      vectors,
    });
    ctx.caches.invalidate(run.id);
    await saveTextMap(ctx, saved, vectors);
    const saveMs = performance.now() - t;
    input.onProgress?.(0.96, "comparing List A in both spaces");
    const comparison = await compareSpaces(ctx, saved);
    await updateTextInfo(prisma, run.id, { ...info, comparison });
    input.onProgress?.(1, "done");
    return {
      runId: run.id,
      model,
      dim: encoder.dim,
      rows: texts.length,
      dictionary: info.dictionary,
      sample: info.sample,
      comparison,
      timings: { renderMs, encodeMs, saveMs },
    };
  } finally {
    await encoder.dispose();
  }
}

/** List A (each buyer's nearest non-buyer) in the MLP space and in the text space, compared. */
export async function compareSpaces(ctx: AppContext, run: Run): Promise<SpaceComparison | null> {
  const rows = await loadRunRows(ctx.db.prisma, run);
  if (!rows.labels || !run.textDim) return null;
  const [mlp, text] = await Promise.all([
    nearestNonBuyers(ctx, run, rows.labels, MLP_SPACE),
    nearestNonBuyers(ctx, run, rows.labels, TEXT_SPACE),
  ]);
  const inText = new Set(text.rows);
  const shared = mlp.rows.filter((r) => inText.has(r));
  const union = new Set([...mlp.rows, ...text.rows]).size;
  return {
    mlp: mlp.rows.length,
    text: text.rows.length,
    overlap: shared.length,
    jaccard: union ? shared.length / union : 0,
    shared: shared.slice(0, 20).map((r) => rows.customerKeys[r] as string),
  };
}
