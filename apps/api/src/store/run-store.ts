import { KindredError } from "@kindred/engine/errors";
import { float32sOf } from "./bytes.ts";
import type { Prisma } from "./database.ts";
import type { Run } from "./generated/client.ts";

export type { Run };

export interface RunRows {
  /** Customer.id per row, in the dataset's row order. */
  customerIds: Int32Array;
  splits: string[];
  labels?: Uint8Array;
  probabilities?: Float32Array;
  /** rows × dim, row-major. */
  embeddings: Float32Array;
  dim: number;
}

export interface RunResult {
  metrics: object;
  curves: object;
  encoder: object;
  config: object;
  featureCount: number;
  embeddingDim: number;
  artifactPath: string;
  timings: object;
}

const CHUNK = 5000;

export async function createRun(
  prisma: Prisma,
  input: { datasetId: string; kind: string; config: object },
): Promise<Run> {
  return prisma.run.create({
    data: { ...input, status: "running", stage: "prepare", startedAt: new Date() },
  });
}

export async function updateRunProgress(
  prisma: Prisma,
  runId: string,
  progress: number,
  stage: string,
): Promise<void> {
  await prisma.run.update({ where: { id: runId }, data: { progress, stage } });
}

/**
 * Stores every customer's split, probability and embedding and marks the run succeeded, in one
 * transaction: a run is either complete or has no per-customer rows at all.
 */
export async function completeRun(prisma: Prisma, runId: string, result: RunResult, rows: RunRows) {
  const { customerIds, dim } = rows;
  const bytes = new Uint8Array(
    rows.embeddings.buffer,
    rows.embeddings.byteOffset,
    rows.embeddings.byteLength,
  );
  return prisma.$transaction(
    async (tx) => {
      for (let start = 0; start < customerIds.length; start += CHUNK) {
        const end = Math.min(customerIds.length, start + CHUNK);
        const chunk = [];
        for (let r = start; r < end; r++) {
          chunk.push({
            c: customerIds[r],
            s: rows.splits[r],
            l: rows.labels ? rows.labels[r] : null,
            p: rows.probabilities ? rows.probabilities[r] : null,
            e: Buffer.from(bytes.subarray(r * dim * 4, (r + 1) * dim * 4)).toString("base64"),
          });
        }
        await tx.$executeRaw`
          INSERT INTO "RunCustomer" ("runId", "customerId", "split", "label", "probability", "embedding")
          SELECT ${runId}, (x->>'c')::int, x->>'s', (x->>'l')::int, (x->>'p')::float8,
                 decode(x->>'e', 'base64')
          FROM jsonb_array_elements(${JSON.stringify(chunk)}::jsonb) AS x`;
      }
      return tx.run.update({
        where: { id: runId },
        data: {
          status: "succeeded",
          progress: 1,
          stage: "done",
          finishedAt: new Date(),
          metrics: result.metrics,
          curves: result.curves,
          encoder: result.encoder,
          config: result.config,
          featureCount: result.featureCount,
          embeddingDim: result.embeddingDim,
          artifactPath: result.artifactPath,
          timings: result.timings,
        },
      });
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}

export async function failRun(
  prisma: Prisma,
  runId: string,
  error: { code: string; message: string; cancelled?: boolean },
): Promise<void> {
  await prisma.run.update({
    where: { id: runId },
    data: {
      status: error.cancelled ? "cancelled" : "failed",
      errorCode: error.code,
      errorMessage: error.message,
      finishedAt: new Date(),
    },
  });
}

/** Removes a run that failed on bad input before any work started: nothing is left behind. */
export async function deleteRun(prisma: Prisma, runId: string): Promise<void> {
  await prisma.run.delete({ where: { id: runId } });
}

export async function findRun(prisma: Prisma, id: string): Promise<Run | null> {
  return prisma.run.findUnique({ where: { id } });
}

export async function getRun(prisma: Prisma, id: string): Promise<Run> {
  const run = await prisma.run.findUnique({ where: { id } });
  if (!run) throw new KindredError("NOT_FOUND", `no run "${id}"`, { field: "run" });
  return run;
}

export async function listRuns(prisma: Prisma, datasetId?: string): Promise<Run[]> {
  return prisma.run.findMany({
    where: datasetId ? { datasetId } : {},
    orderBy: { createdAt: "desc" },
  });
}

/** What a run computed for every customer, in dataset row order. */
export interface RunRowsLoaded {
  customerIds: Int32Array;
  customerKeys: string[];
  splits: string[];
  labels?: Uint8Array;
  probabilities?: Float32Array;
  embeddings: Float32Array;
  dim: number;
}

export async function loadRunRows(prisma: Prisma, run: Run): Promise<RunRowsLoaded> {
  if (run.status !== "succeeded" || !run.embeddingDim) {
    throw new KindredError("CONFLICT", `run ${run.id} is ${run.status}: it has no embeddings`, {
      field: "run",
    });
  }
  const dim = run.embeddingDim;
  const rows = await prisma.runCustomer.findMany({
    where: { runId: run.id },
    select: {
      customerId: true,
      split: true,
      label: true,
      probability: true,
      embedding: true,
      customer: { select: { customerKey: true, rowIndex: true } },
    },
  });
  rows.sort((a, b) => a.customer.rowIndex - b.customer.rowIndex);
  const n = rows.length;
  const embeddings = new Float32Array(n * dim);
  const hasLabels = rows.length > 0 && rows[0]?.label !== null;
  const hasProbabilities = rows.length > 0 && rows[0]?.probability !== null;
  const labels = hasLabels ? new Uint8Array(n) : undefined;
  const probabilities = hasProbabilities ? new Float32Array(n) : undefined;
  rows.forEach((row, r) => {
    embeddings.set(float32sOf(row.embedding, dim), r * dim);
    if (labels) labels[r] = row.label ?? 0;
    if (probabilities) probabilities[r] = row.probability ?? 0;
  });
  return {
    customerIds: Int32Array.from(rows, (r) => r.customerId),
    customerKeys: rows.map((r) => r.customer.customerKey),
    splits: rows.map((r) => r.split),
    labels,
    probabilities,
    embeddings,
    dim,
  };
}

/**
 * A run's text space: every customer's text embedding, the encoder and what it was made from, in
 * one transaction (a run has a complete text space or none).
 */
export async function saveTextSpace(
  prisma: Prisma,
  runId: string,
  input: { model: string; dim: number; info: object; customerIds: Int32Array; vectors: Float32Array },
): Promise<Run> {
  const { dim, customerIds } = input;
  const bytes = new Uint8Array(input.vectors.buffer, input.vectors.byteOffset, input.vectors.byteLength);
  return prisma.$transaction(
    async (tx) => {
      for (let start = 0; start < customerIds.length; start += CHUNK) {
        const chunk = [];
        for (let r = start; r < Math.min(customerIds.length, start + CHUNK); r++) {
          chunk.push({
            c: customerIds[r],
            e: Buffer.from(bytes.subarray(r * dim * 4, (r + 1) * dim * 4)).toString("base64"),
          });
        }
        await tx.$executeRaw`
          UPDATE "RunCustomer" AS rc SET "textEmbedding" = decode(x->>'e', 'base64')
          FROM jsonb_array_elements(${JSON.stringify(chunk)}::jsonb) AS x
          WHERE rc."runId" = ${runId} AND rc."customerId" = (x->>'c')::int`;
      }
      return tx.run.update({
        where: { id: runId },
        data: { textModel: input.model, textDim: dim, textInfo: input.info },
      });
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}

export async function updateTextInfo(prisma: Prisma, runId: string, info: object): Promise<Run> {
  return prisma.run.update({ where: { id: runId }, data: { textInfo: info } });
}

/** Every customer's text embedding in dataset row order (rows × textDim), or null without a text space. */
export async function loadTextEmbeddings(prisma: Prisma, run: Run): Promise<Float32Array | null> {
  if (!run.textDim) return null;
  const dim = run.textDim;
  const rows = await prisma.runCustomer.findMany({
    where: { runId: run.id },
    select: { textEmbedding: true, customer: { select: { rowIndex: true } } },
  });
  rows.sort((a, b) => a.customer.rowIndex - b.customer.rowIndex);
  const out = new Float32Array(rows.length * dim);
  rows.forEach((row, r) => {
    if (row.textEmbedding) out.set(float32sOf(row.textEmbedding, dim), r * dim);
  });
  return out;
}
