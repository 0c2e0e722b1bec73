import type { Resolvers } from "../schema/generated/resolvers-types.ts";
import { compareTipping, runTipping, type TippingReport, whatIfCurve } from "../services/tipping.ts";
import { tippingConfig } from "./inputs.ts";
import { payload } from "./payload.ts";

function reportView(report: TippingReport) {
  return { ...report, shapMethod: report.shap.method };
}

export const tippingResolvers: Resolvers = {
  Query: {
    tipping: (_, { input }, { app }) =>
      payload(async () => ({
        report: reportView(
          await runTipping(app, {
            runId: input.runId,
            config: tippingConfig(input),
            list: input.list ?? "similarity",
            ...(input.space ? { space: input.space } : {}),
            ...(input.limit != null ? { limit: input.limit } : {}),
            ...(input.primaryOnly != null ? { primaryOnly: input.primaryOnly } : {}),
          }),
        ),
      })),
    compareTipping: (_, { input }, { app }) =>
      payload(async () => {
        const result = await compareTipping(app, {
          runId: input.runId,
          config: tippingConfig(input),
          ...(input.limit != null ? { limit: input.limit } : {}),
          ...(input.primaryOnly != null ? { primaryOnly: input.primaryOnly } : {}),
          ...(input.space ? { space: input.space } : {}),
        });
        return {
          comparison: {
            ...result.comparison,
            similarity: reportView(result.similarity),
            probability: reportView(result.probability),
          },
        };
      }),
    whatIf: (_, { runId, customerId, feature }, { app }) => whatIfCurve(app, { runId, customerId, feature }),
  },
};
