import { clusterSweep, type SweepResult } from "../cluster/index.ts";
import type { DatasetSchema, RawTable } from "../data/index.ts";
import { embeddingDrift, featureDrift } from "../drift/index.ts";
import { KindredError } from "../errors/index.ts";
import { buildPersonas, type Persona } from "../persona/index.ts";
import { gatherRows, pca, sampleRows, tsne, umap } from "../project/index.ts";
import {
  applyBusinessSegmentation,
  type BusinessSegmentation,
  compareSegmentations,
} from "../segment/index.ts";
import { type DensityOutput, densityClusters, densityPlan } from "./analyze-density.ts";
import { featureValues } from "./feature-values.ts";

export interface Points {
  data: Float32Array;
  rows: number;
  cols: number;
}

export interface AnalyzeInput {
  embeddings: Points;
  table: RawTable;
  schema: DatasetSchema;
  /** Split name per row (train, val, oot1, oot2, test, unused). */
  splits: string[];
  labels?: Uint8Array;
  probabilities?: Float32Array;
}

export interface AnalyzeConfig {
  kMin: number;
  kMax: number;
  seed: number;
  /** Methods beside PCA, computed on a sample of at most `sampleSize` rows. */
  tsne: boolean;
  umap: boolean;
  sampleSize: number;
  perplexity: number;
  /** The set the training rows are compared with; default: oot2, else oot1, else test. */
  driftAgainst?: string;
  business?: BusinessSegmentation;
  /**
   * HDBSCAN density clusters beside k-means: on the UMAP map of the sample when it is computed,
   * else on the sample's embeddings (at most DENSITY_MAX_ROWS of them).
   */
  density: boolean;
  /** Smallest density cluster (integer ≥ 2); default 1 % of the clustered rows, at least 15. */
  minClusterSize?: number;
}

export const DEFAULT_ANALYZE_CONFIG: Readonly<AnalyzeConfig> = Object.freeze({
  kMin: 2,
  kMax: 14,
  seed: 42,
  tsne: true,
  umap: true,
  sampleSize: 10_000,
  perplexity: 30,
  density: true,
});

const MIN_ROWS_FOR_NEIGHBOUR_MAPS = 30;

export type AnalyzeStage = "sweep" | "pca" | "tsne" | "umap" | "density" | "personas" | "drift" | "business";

export interface ProjectionOutput {
  method: "pca" | "tsne" | "umap";
  rowIndices: Int32Array;
  coords: Float32Array;
  params: Record<string, unknown>;
  quality: Record<string, unknown>;
}

export interface DriftOutput {
  against: string;
  baselineRows: number;
  currentRows: number;
  embedding: ReturnType<typeof embeddingDrift>;
  features: ReturnType<typeof featureDrift>;
}

export interface AnalyzeOutput {
  sweep: SweepResult;
  labelsByK: Map<number, Int32Array>;
  pca: { explainedVarianceRatio: number[]; firstTwo: number };
  projections: ProjectionOutput[];
  personas: Persona[];
  /** HDBSCAN density clusters of the sample, null when switched off or too few rows. */
  density: DensityOutput | null;
  business: {
    assignment: Int32Array;
    personas: ReturnType<typeof applyBusinessSegmentation>["personas"];
    comparison: ReturnType<typeof compareSegmentations>;
  } | null;
  drift: DriftOutput | null;
  timings: Record<string, number>;
}

/**
 * Judges a run's embeddings through three lenses — cluster structure (sweep over K), pictures
 * (PCA, t-SNE, UMAP) and stability (drift of a later set against the training rows) — and turns
 * the recommended K into personas, beside business-rule personas when a config is given.
 */
export async function analyzeRun(
  input: AnalyzeInput,
  config: AnalyzeConfig,
  onProgress: (stage: AnalyzeStage, share: number) => void = () => {},
): Promise<AnalyzeOutput> {
  const { embeddings, table, schema, splits, labels, probabilities } = input;
  if (embeddings.rows !== table.rowCount || splits.length !== table.rowCount) {
    throw new KindredError(
      "ARTIFACT_MISMATCH",
      `the run has ${embeddings.rows} embeddings for ${table.rowCount} customers`,
      { field: "run" },
    );
  }
  const sampleSize = Math.min(embeddings.rows, config.sampleSize);
  const neighbourMaps = sampleSize >= MIN_ROWS_FOR_NEIGHBOUR_MAPS;
  // Checked before the sweep: a bad minClusterSize should not cost minutes of work first.
  const plan = config.density
    ? densityPlan(sampleSize, config.umap && neighbourMaps, config.minClusterSize)
    : null;
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    timings[`${name}Ms`] = Math.round(performance.now() - started);
    return result;
  };

  const { sweep, labelsByK } = await timed("sweep", () =>
    clusterSweep(embeddings, {
      kMin: config.kMin,
      kMax: config.kMax,
      seed: config.seed,
      onProgress: (share: number) => onProgress("sweep", share),
    }),
  );

  onProgress("pca", 0);
  const pcaModel = await timed("pca", () => pca(embeddings, { components: 2 }));
  const allRows = Int32Array.from({ length: embeddings.rows }, (_, r) => r);
  const ratio = pcaModel.explainedVarianceRatio;
  const projections: ProjectionOutput[] = [
    {
      method: "pca",
      rowIndices: allRows,
      coords: pcaModel.projection,
      params: { components: 2 },
      quality: { explainedVarianceRatio: ratio.slice(0, 2), firstTwo: (ratio[0] ?? 0) + (ratio[1] ?? 0) },
    },
  ];
  const sample = sampleRows(embeddings.rows, config.sampleSize, config.seed);
  const sampled = gatherRows(embeddings, sample);
  const sampleIndices = Int32Array.from(sample);
  // Small tables get a proportionally smaller perplexity (t-SNE needs it below (rows − 1) / 3)
  // and skip the neighbour maps altogether when there are too few rows to place.
  const perplexity = Math.min(config.perplexity, Math.floor((sample.length - 1) / 3) - 1);
  if (config.tsne && neighbourMaps) {
    const result = await timed("tsne", () =>
      tsne(sampled, {
        perplexity,
        seed: config.seed,
        onProgress: (share: number) => onProgress("tsne", share),
      }),
    );
    projections.push({
      method: "tsne",
      rowIndices: sampleIndices,
      coords: result.embedding,
      params: { perplexity, sample: sample.length },
      quality: { klDivergence: result.klDivergence },
    });
  }
  let umapCoords: Float32Array | null = null;
  if (config.umap && neighbourMaps) {
    const result = await timed("umap", () =>
      umap(sampled, { seed: config.seed, onProgress: (share: number) => onProgress("umap", share) }),
    );
    projections.push({
      method: "umap",
      rowIndices: sampleIndices,
      coords: result.embedding,
      params: { sample: sample.length },
      quality: {},
    });
    umapCoords = result.embedding;
  }

  const k = sweep.recommendedK;
  const assignment = labelsByK.get(k) as Int32Array;
  let density: DensityOutput | null = null;
  if (plan) {
    onProgress("density", 0);
    density = await timed("density", () =>
      densityClusters({
        on: plan.on,
        points:
          plan.on === "umap" && umapCoords ? { data: umapCoords, rows: sample.length, cols: 2 } : sampled,
        rowIndices: sampleIndices,
        minClusterSize: plan.minClusterSize,
        seed: config.seed,
        kmeans: assignment,
        k,
        labels,
      }),
    );
  }

  onProgress("personas", 0);
  const personas = await timed("personas", () =>
    buildPersonas(table, schema, assignment, k, { labels, probabilities }),
  );

  onProgress("drift", 0);
  const drift = await timed("drift", () => splitDrift(input, config.driftAgainst));

  let business: AnalyzeOutput["business"] = null;
  if (config.business) {
    onProgress("business", 0);
    business = await timed("business", () => {
      const applied = applyBusinessSegmentation(table, schema, config.business as BusinessSegmentation, {
        labels,
      });
      const comparison = compareSegmentations(
        assignment,
        personas.map((p) => p.name),
        applied.assignment,
        applied.personas.map((p) => p.name),
      );
      return { assignment: applied.assignment, personas: applied.personas, comparison };
    });
  }

  return {
    sweep,
    labelsByK,
    pca: { explainedVarianceRatio: ratio, firstTwo: (ratio[0] ?? 0) + (ratio[1] ?? 0) },
    projections,
    personas,
    density,
    business,
    drift,
    timings,
  };
}

/** Training rows against a later split: the one named, else OOT2, else OOT1, else test. */
function splitDrift(input: AnalyzeInput, against?: string): DriftOutput | null {
  const present = new Set(input.splits);
  const target = against ?? ["oot2", "oot1", "test"].find((s) => present.has(s));
  if (!target) return null;
  if (!present.has(target)) {
    throw new KindredError("INVALID_CONFIG", `the run has no "${target}" rows to compare with`, {
      field: "against",
    });
  }
  const baseline = rowsWhere(input.splits, "train");
  const current = rowsWhere(input.splits, target);
  return {
    against: target,
    baselineRows: baseline.length,
    currentRows: current.length,
    embedding: embeddingDrift(gatherRows(input.embeddings, baseline), gatherRows(input.embeddings, current)),
    features: featureDrift(
      featureValues(input.table, input.schema, baseline),
      featureValues(input.table, input.schema, current),
    ),
  };
}

function rowsWhere(splits: string[], name: string): Uint32Array {
  const rows: number[] = [];
  splits.forEach((s, r) => {
    if (s === name) rows.push(r);
  });
  return Uint32Array.from(rows);
}
