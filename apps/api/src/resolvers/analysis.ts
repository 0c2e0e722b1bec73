import type { SweepResult } from "@kindred/engine/cluster";
import { startAnalysis } from "../jobs/start-jobs.ts";
import type { Resolvers } from "../schema/generated/resolvers-types.ts";
import { type DensitySummary, THRESHOLDS } from "../services/analyze-run.ts";
import { chooseRunK, editPersona } from "../services/personas.ts";
import { projectionFeature, projectionView } from "../services/projections.ts";
import {
  findAnalysis,
  findPersona,
  getAnalysis,
  listPersonas,
  listProjectionInfos,
} from "../store/analysis-store.ts";
import { getRun } from "../store/run-store.ts";
import { defined } from "./inputs.ts";
import { payload } from "./payload.ts";

const sweepOf = (analysis: { sweep: unknown }) => analysis.sweep as SweepResult;

/** Maps of the text space are stored as "text-<method>" beside the MLP space's. */
const TEXT_PREFIX = "text-";
function methodAndSpace(stored: string): { method: "pca" | "tsne" | "umap"; space: "mlp" | "text" } {
  const text = stored.startsWith(TEXT_PREFIX);
  return {
    method: (text ? stored.slice(TEXT_PREFIX.length) : stored) as "pca" | "tsne" | "umap",
    space: text ? "text" : "mlp",
  };
}

export const analysisResolvers: Resolvers = {
  Query: {
    analysis: (_, { id }, { app }) => findAnalysis(app.db.prisma, id),
    persona: (_, { id }, { app }) => findPersona(app.db.prisma, id),
  },
  Mutation: {
    analyzeRun: (_, { runId, input }, { app, jobs, viewer }) =>
      payload(async () => {
        const job = await startAnalysis(
          app,
          jobs,
          { runId, ...defined(input ?? {}) },
          viewer?.userId ?? null,
        );
        return { job };
      }),
    chooseK: (_, { analysisId, k }, { app }) =>
      payload(async () => {
        const analysis = await getAnalysis(app.db.prisma, analysisId);
        await chooseRunK(app, analysis.runId, k);
        return { analysis: await getAnalysis(app.db.prisma, analysisId) };
      }),
    updatePersona: (_, { id, input }, { app }) =>
      payload(async () => ({ persona: await editPersona(app, id, defined(input)) })),
  },
  Analysis: {
    run: (analysis, _, { app }) => getRun(app.db.prisma, analysis.runId),
    config: (analysis) => analysis.config,
    sweep: (analysis) => sweepOf(analysis).points,
    elbowK: (analysis) => sweepOf(analysis).elbowK,
    silhouetteK: (analysis) => sweepOf(analysis).silhouetteK,
    agreement: (analysis) => sweepOf(analysis).agreement,
    note: (analysis) => sweepOf(analysis).note,
    thresholds: () => THRESHOLDS,
    pca: (analysis) => analysis.pca as { explainedVarianceRatio: number[]; firstTwo: number },
    personas: (analysis, { source }, { app }) =>
      source === "rules"
        ? listPersonas(app.db.prisma, analysis.id, { source: "rules" })
        : source === "kmeans"
          ? listPersonas(app.db.prisma, analysis.id, { source: "kmeans", k: analysis.chosenK })
          : listPersonas(app.db.prisma, analysis.id).then((all) =>
              all.filter((p) => p.source === "rules" || p.k === analysis.chosenK),
            ),
    businessComparison: (analysis) =>
      (analysis.business as { comparison?: unknown } | null)?.comparison ?? null,
    density: (analysis) => (analysis.density as DensitySummary | null) ?? null,
    projections: async (analysis, _, { app }) =>
      (await listProjectionInfos(app.db.prisma, analysis.id)).map((p) => ({
        ...p,
        ...methodAndSpace(p.method),
      })),
    projection: (analysis, { method, space }, { app }) =>
      projectionView(app, analysis, space === "text" ? `${TEXT_PREFIX}${method}` : method),
    timings: (analysis) => analysis.timings,
  },
  Persona: {
    source: (persona) => persona.source as "kmeans" | "rules",
    traits: (persona) => persona.traits,
    rules: (persona) => persona.rules,
  },
  Projection: {
    method: (p) => methodAndSpace(p.method).method,
    space: (p) => methodAndSpace(p.method).space,
    params: (p) => p.params,
    quality: (p) => p.quality,
    feature: (p, { name }, { app }) => projectionFeature(app, p, name),
    points: (p, { page }) => {
      const offset = page?.offset ?? 0;
      const limit = Math.min(page?.limit ?? 500, 5000);
      return p.customerIds.slice(offset, offset + limit).map((customerId, j) => {
        const i = offset + j;
        return {
          customerId,
          x: p.x[i] as number,
          y: p.y[i] as number,
          label: p.label[i] ?? null,
          probability: p.probability[i] ?? null,
          persona: p.persona[i] ?? null,
        };
      });
    },
  },
};
