import { startScoring } from "../jobs/start-jobs.ts";
import type { Resolvers } from "../schema/generated/resolvers-types.ts";
import { findDriftReport } from "../store/drift-store.ts";
import { getRun } from "../store/run-store.ts";
import { payload } from "./payload.ts";

export const driftResolvers: Resolvers = {
  Query: {
    driftReport: (_, { id }, { app }) => findDriftReport(app.db.prisma, id),
  },
  Mutation: {
    scoreBatch: (_, { runId, file }, { app, jobs, viewer }) =>
      payload(async () => ({
        job: await startScoring(
          app,
          jobs,
          { runId, path: file.path, filename: file.filename },
          viewer?.userId ?? null,
        ),
      })),
  },
  DriftReport: {
    run: (report, _, { app }) => getRun(app.db.prisma, report.runId),
    dims: (report) => report.dims as { dim: number; psi: number; status: string }[],
    features: (report) => report.features as { name: string; psi: number; status: string }[],
  },
};
