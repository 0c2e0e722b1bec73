import type { Resolvers } from "../schema/generated/resolvers-types.ts";
import { runLookalike } from "../services/lookalike.ts";
import { lookalikeInput } from "./inputs.ts";
import { payload } from "./payload.ts";

export const lookalikeResolvers: Resolvers = {
  Query: {
    lookalike: (_, { input }, { app }) =>
      payload(async () => {
        const result = await runLookalike(app, lookalikeInput(input));
        return {
          result: {
            ...result,
            strategy: result.strategy === "per-seed" ? "per_seed" : result.strategy,
            results: result.results.map((hit, i) => ({ ...hit, rank: i + 1 })),
          },
        };
      }),
  },
};
