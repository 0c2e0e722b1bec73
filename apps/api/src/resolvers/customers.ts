import { startExplanation, startTextEmbedding } from "../jobs/start-jobs.ts";
import type { Resolvers } from "../schema/generated/resolvers-types.ts";
import { findCustomer, listCustomers } from "../services/customers.ts";
import { explainCustomers } from "../services/explain-run.ts";
import { runLookalike } from "../services/lookalike.ts";
import { getRun } from "../store/run-store.ts";
import { customerFilter } from "./inputs.ts";
import { pageOf, pageResult } from "./pagination.ts";
import { payload } from "./payload.ts";

export const customerResolvers: Resolvers = {
  Query: {
    customer: (_, { runId, customerId }, { app }) => findCustomer(app, runId, customerId),
    customers: async (_, { runId, filter, page }, { app }) => {
      const p = pageOf(page);
      const { items, total } = await listCustomers(app, runId, customerFilter(filter) ?? {}, p);
      return pageResult(items, total, p);
    },
  },
  Mutation: {
    embedText: (_, { runId, dictionary, sheet, model }, { app, jobs, viewer }) =>
      payload(async () => ({
        job: await startTextEmbedding(
          app,
          jobs,
          {
            runId,
            ...(dictionary
              ? {
                  dictionary: {
                    path: dictionary.path,
                    filename: dictionary.filename,
                    ...(sheet ? { sheet } : {}),
                  },
                }
              : {}),
            ...(model ? { model } : {}),
          },
          viewer?.userId ?? null,
        ),
      })),
    explainRun: (_, { runId, sample }, { app, jobs, viewer }) =>
      payload(async () => ({
        job: await startExplanation(
          app,
          jobs,
          { runId, ...(sample != null ? { sample } : {}) },
          viewer?.userId ?? null,
        ),
      })),
  },
  Customer: {
    run: (customer, _, { app }) => getRun(app.db.prisma, customer.runId),
    attributes: (customer) => Object.entries(customer.attributes).map(([name, value]) => ({ name, value })),
    shap: async (customer, _, { app }) => {
      const [explained] = await explainCustomers(app, {
        runId: customer.runId,
        customerIds: [customer.customerId],
      });
      return explained ?? null;
    },
    neighbours: async (customer, { limit, candidates, space }, { app }) => {
      const result = await runLookalike(app, {
        runId: customer.runId,
        seeds: { customerIds: [customer.customerId] },
        candidates: customerFilter(candidates),
        strategy: "centroid",
        limit: limit ?? 10,
        evaluate: false,
        ...(space ? { space } : {}),
      });
      return result.results.map((hit, i) => ({ ...hit, rank: i + 1 }));
    },
  },
};
