import { startTraining } from "../jobs/start-jobs.ts";
import type { Resolvers } from "../schema/generated/resolvers-types.ts";
import { activateRun, bestRun, compareRuns, listRunsPage, runCurves, runMetrics } from "../services/runs.ts";
import { latestAnalysis } from "../store/analysis-store.ts";
import { getDataset } from "../store/dataset-store.ts";
import { listDriftReports } from "../store/drift-store.ts";
import { latestExplanation } from "../store/explanation-store.ts";
import { trainingJobOf } from "../store/job-store.ts";
import { findRun, getRun } from "../store/run-store.ts";
import { listTargetLists } from "../store/target-list-store.ts";
import { runConfig } from "./inputs.ts";
import { pageOf, pageResult } from "./pagination.ts";
import { payload } from "./payload.ts";

export const runResolvers: Resolvers = {
  Query: {
    runs: async (_, { datasetId, status, page }, { app }) => {
      const p = pageOf(page);
      const { items, total } = await listRunsPage(
        app,
        { ...(datasetId ? { datasetId } : {}), ...(status ? { status } : {}) },
        p,
      );
      return pageResult(items, total, p);
    },
    run: (_, { id }, { app }) => findRun(app.db.prisma, id),
    compareRuns: (_, { ids }, { app }) => compareRuns(app, ids),
    bestRun: (_, { datasetId, split, measure }, { app }) => bestRun(app, datasetId, split, measure),
  },
  Mutation: {
    startRun: (_, { datasetId, config }, { app, jobs, viewer }) =>
      payload(async () => {
        const { config: engineConfig, drop, activate } = runConfig(config);
        const job = await startTraining(
          app,
          jobs,
          { datasetId, config: engineConfig, drop, ...(activate !== undefined ? { activate } : {}) },
          viewer?.userId ?? null,
        );
        return { job };
      }),
    cancelRun: (_, { id }, { app, jobs }) =>
      payload(async () => {
        const run = await getRun(app.db.prisma, id);
        const job = await trainingJobOf(app.db.prisma, run.id);
        if (job && jobs.isActive(job.id)) await jobs.cancel(job.id);
        return { run: await getRun(app.db.prisma, run.id) };
      }),
    activateRun: (_, { id }, { app }) => payload(async () => ({ run: await activateRun(app, id) })),
  },
  Run: {
    dataset: (run, _, { app }) => getDataset(app.db.prisma, run.datasetId),
    config: (run) => run.config,
    error: (run) =>
      run.errorCode
        ? {
            code: run.errorCode,
            message: run.errorMessage ?? "",
            field: null,
            row: null,
            line: null,
            column: null,
          }
        : null,
    metrics: (run) => runMetrics(run),
    roc: (run) => runCurves(run).roc,
    history: (run) => runCurves(run).history,
    timings: (run) => run.timings,
    active: async (run, _, { app }) =>
      (await getDataset(app.db.prisma, run.datasetId)).activeRunId === run.id,
    job: (run, _, { app }) => trainingJobOf(app.db.prisma, run.id),
    latestAnalysis: (run, _, { app }) => latestAnalysis(app.db.prisma, run.id),
    driftReports: async (run, { page }, { app }) => {
      const p = pageOf(page);
      const all = await listDriftReports(app.db.prisma, run.id);
      return pageResult(all.slice(p.offset, p.offset + p.limit), all.length, p);
    },
    explanation: (run, _, { app }) => latestExplanation(app.db.prisma, run.id),
    text: (run) => {
      if (!run.textModel || !run.textDim) return null;
      const info = (run.textInfo ?? {}) as {
        dictionary?: string | null;
        sample?: string;
        rows?: number;
        comparison?: unknown;
      };
      return {
        model: run.textModel,
        dim: run.textDim,
        rows: info.rows ?? 0,
        dictionary: info.dictionary ?? null,
        sample: info.sample ?? "",
        comparison: (info.comparison ?? null) as {
          mlp: number;
          text: number;
          overlap: number;
          jaccard: number;
          shared: string[];
        } | null,
      };
    },
    targetLists: async (run, { page }, { app }) => {
      const p = pageOf(page);
      const { items, total } = await listTargetLists(app.db.prisma, { runId: run.id }, p);
      return pageResult(items, total, p);
    },
  },
};
