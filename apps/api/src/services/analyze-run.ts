import type { DatasetSchema } from "@kindred/engine/data";
import { psiStatus } from "@kindred/engine/drift";
import { KindredError } from "@kindred/engine/errors";
import type { Persona as EnginePersona } from "@kindred/engine/persona";
import {
  type AnalyzeConfig,
  type AnalyzeOutput,
  type AnalyzeStage,
  DEFAULT_ANALYZE_CONFIG,
  type DensityOutput,
} from "@kindred/engine/pipeline";
import type { BusinessSegmentation } from "@kindred/engine/segment";
import type { AppContext } from "../context.ts";
import { type PersonaInput, saveAnalysis } from "../store/analysis-store.ts";
import { loadRunArtifact } from "../store/artifact-store.ts";
import { getDataset, loadTable } from "../store/dataset-store.ts";
import { saveDriftReport } from "../store/drift-store.ts";
import { getRun, loadRunRows } from "../store/run-store.ts";
import { saveTextMap } from "./text-map.ts";

export interface AnalyzeInput extends Partial<Omit<AnalyzeConfig, "business">> {
  runId: string;
  business?: BusinessSegmentation;
  onProgress?: (stage: AnalyzeStage, share: number) => void;
  /** Cancels the analysis (rejects with an "AbortError"); nothing is stored. */
  signal?: AbortSignal;
}

export interface AnalyzeSummary {
  analysisId: string;
  runId: string;
  sweep: {
    k: number;
    inertia: number;
    silhouette: number;
    daviesBouldin: number;
    silhouetteExact: boolean;
  }[];
  elbowK: number | null;
  silhouetteK: number;
  recommendedK: number;
  agreement: string;
  note: string;
  thresholds: { silhouette: number; silhouetteBusinessData: number; pcaFirstTwo: number };
  pca: { explainedVarianceRatio: number[]; firstTwo: number };
  psi: {
    baseline: "train";
    against: string;
    dims: number[];
    maxPsi: number;
    flagged: number[];
    status: string;
    centroidDistance: number;
    reportId: string;
  } | null;
  personas: { id: string; name: string; share: number; conversionRate: number | null }[];
  /** HDBSCAN density clusters of the sample beside the k-means personas, when computed. */
  density: DensitySummary | null;
  businessPersonas: { name: string; share: number; conversionRate: number | null }[];
  /** k-means personas against business-rule personas: cross-tab and adjusted Rand index. */
  comparison: AnalyzeOutput["business"] extends infer B
    ? B extends { comparison: infer C }
      ? C | null
      : null
    : null;
  projections: string[];
  timings: Record<string, number>;
}

/** Density clusters as stored in `Analysis.density`: everything but the per-row labels. */
export type DensitySummary = Omit<DensityOutput, "rowIndices" | "labels"> & {
  /** How many sample rows were clustered. */
  rows: number;
};

/** Acceptance thresholds shown beside the numbers (seed methodology). */
export const THRESHOLDS = { silhouette: 0.15, silhouetteBusinessData: 0.25, pcaFirstTwo: 0.4 };

/** Sweep, projections, personas and drift of a run, stored as one analysis. */
export async function analyzeStoredRun(ctx: AppContext, input: AnalyzeInput): Promise<AnalyzeSummary> {
  const prisma = ctx.db.prisma;
  const run = await getRun(prisma, input.runId);
  const config: AnalyzeConfig = {
    ...DEFAULT_ANALYZE_CONFIG,
    ...Object.fromEntries(
      Object.entries(input).filter(([key, v]) => v !== undefined && key !== "onProgress" && key !== "signal"),
    ),
  };
  if (config.kMin > config.kMax) {
    throw new KindredError("INVALID_CONFIG", `kMin ${config.kMin} is above kMax ${config.kMax}`, {
      field: "kMin",
    });
  }
  const rows = await loadRunRows(prisma, run);
  const { table } = await loadTable(prisma, await getDataset(prisma, run.datasetId));
  const schema = await loadRunArtifact<DatasetSchema>(ctx.env.dataDir, run.artifactPath as string, "schema");
  const output = await ctx.compute.analyze(
    {
      embeddings: { data: rows.embeddings, rows: rows.customerIds.length, cols: rows.dim },
      table,
      schema,
      splits: rows.splits,
      labels: rows.labels,
      probabilities: rows.probabilities,
    },
    config,
    { onProgress: input.onProgress, signal: input.signal },
  );

  const analysis = await saveAnalysis(prisma, {
    runId: run.id,
    config: { ...config, business: undefined },
    sweep: output.sweep,
    recommendedK: output.sweep.recommendedK,
    pca: output.pca,
    business: config.business
      ? {
          config: config.business,
          personas: output.business?.personas,
          comparison: output.business?.comparison,
        }
      : null,
    density: densitySummary(output.density),
    timings: output.timings,
    labelSets: [
      ...[...output.labelsByK].map(([k, labels]) => ({ key: `kmeans:${k}`, labels })),
      ...(output.business ? [{ key: "rules", labels: output.business.assignment }] : []),
      ...(output.density
        ? [{ key: "density", labels: densityLabels(output.density, rows.customerIds.length) }]
        : []),
    ],
    personas: [
      ...output.personas.map((p) => personaRow(p, output.sweep.recommendedK)),
      ...businessPersonaRows(output, config.business),
    ],
    projections: output.projections,
  }); // The vector index carries each customer's persona: rebuild it on next use.
  ctx.caches.invalidate(run.id);
  await saveTextMap(ctx, run);

  const report = output.drift
    ? await saveDriftReport(prisma, {
        runId: run.id,
        against: output.drift.against,
        baselineRows: output.drift.baselineRows,
        currentRows: output.drift.currentRows,
        dims: output.drift.embedding.dims,
        features: output.drift.features,
        maxPsi: output.drift.embedding.maxPsi,
        centroidDistance: output.drift.embedding.centroidDistance,
        status: psiStatus(output.drift.embedding.maxPsi),
      })
    : null;
  const stored = await prisma.persona.findMany({
    where: { analysisId: analysis.id, source: "kmeans" },
    orderBy: { size: "desc" },
  });
  return {
    analysisId: analysis.id,
    runId: run.id,
    sweep: output.sweep.points.map((p) => ({
      k: p.k,
      inertia: p.inertia,
      silhouette: p.silhouette,
      daviesBouldin: p.daviesBouldin,
      silhouetteExact: p.silhouetteExact,
    })),
    elbowK: output.sweep.elbowK,
    silhouetteK: output.sweep.silhouetteK,
    recommendedK: output.sweep.recommendedK,
    agreement: output.sweep.agreement,
    note: output.sweep.note,
    thresholds: THRESHOLDS,
    pca: output.pca,
    psi:
      output.drift && report
        ? {
            baseline: "train",
            against: output.drift.against,
            dims: output.drift.embedding.dims.map((d) => d.psi),
            maxPsi: output.drift.embedding.maxPsi,
            flagged: output.drift.embedding.flagged,
            status: report.status,
            centroidDistance: output.drift.embedding.centroidDistance,
            reportId: report.id,
          }
        : null,
    personas: stored.map((p) => ({
      id: p.id,
      name: p.name,
      share: p.share,
      conversionRate: p.conversionRate,
    })),
    businessPersonas: (output.business?.personas ?? []).map((p) => ({
      name: p.name,
      share: p.share,
      conversionRate: p.conversionRate ?? null,
    })),
    density: densitySummary(output.density),
    comparison: output.business?.comparison ?? null,
    projections: output.projections.map((p) => p.method),
    timings: output.timings,
  };
}

function densitySummary(density: DensityOutput | null): DensitySummary | null {
  if (!density) return null;
  const { rowIndices, labels, ...summary } = density;
  return { ...summary, rows: rowIndices.length };
}

/** Density label of every customer (dataset row order): −1 noise, −2 outside the clustered sample. */
function densityLabels(density: DensityOutput, rowCount: number): Int32Array {
  const all = new Int32Array(rowCount).fill(-2);
  density.rowIndices.forEach((row, i) => {
    all[row] = density.labels[i] as number;
  });
  return all;
}

export function personaRow(p: EnginePersona, k: number): PersonaInput {
  return {
    source: "kmeans",
    k,
    segmentId: p.segmentId,
    name: p.name,
    description: p.description,
    strategy: p.strategy,
    size: p.size,
    share: p.share,
    conversionRate: p.conversionRate ?? null,
    traits: p.traits,
    rules: p.rules,
  };
}

function businessPersonaRows(
  output: AnalyzeOutput,
  config: BusinessSegmentation | undefined,
): PersonaInput[] {
  if (!output.business || !config) return [];
  const byName = new Map(config.personas.map((p) => [p.name, p]));
  return output.business.personas.map((p, segmentId) => ({
    source: "rules",
    k: output.business?.personas.length ?? 0,
    segmentId,
    name: p.name,
    description: byName.get(p.name)?.description ?? "",
    strategy: byName.get(p.name)?.strategy ?? "",
    size: p.size,
    share: p.share,
    conversionRate: p.conversionRate ?? null,
    traits: [],
    rules: byName.get(p.name)?.when ? [{ rule: byName.get(p.name)?.when }] : [],
  }));
}
