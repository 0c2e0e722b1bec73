/** GraphQL inputs → service inputs: nulls dropped, filters and enums in the engine's terms. */
import type { PayloadFilter } from "@kindred/engine/lookalike";
import type { RunConfigInput as EngineRunConfig } from "@kindred/engine/pipeline";
import type { TippingConfig } from "@kindred/engine/tipping";
import type {
  CustomerFilterInput,
  ImportDatasetInput,
  LookalikeInput,
  RunConfigInput,
  TippingInput,
} from "../schema/generated/resolvers-types.ts";
import type { SchemaInput } from "../services/datasets.ts";
import type { LookalikeInput as ServiceLookalike } from "../services/lookalike.ts";

/** Drops null fields (GraphQL's "not given") so service defaults apply. */
export function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
}

export function customerFilter(input: CustomerFilterInput | null | undefined): PayloadFilter | undefined {
  if (!input) return undefined;
  const filter: PayloadFilter = {};
  if (input.labels) filter.label = input.labels;
  if (input.splits) filter.split = input.splits;
  if (input.personas) filter.persona = input.personas;
  if (input.customerIds) filter.customerId = input.customerIds;
  if (input.probabilityMin != null || input.probabilityMax != null) {
    filter.probability = {
      ...(input.probabilityMin != null ? { gte: input.probabilityMin } : {}),
      ...(input.probabilityMax != null ? { lte: input.probabilityMax } : {}),
    };
  }
  return filter;
}

export function lookalikeInput(input: LookalikeInput): ServiceLookalike {
  const { seeds, candidates, strategy, ...rest } = input;
  return {
    ...defined(rest),
    seeds: {
      ...(seeds.filter ? { filter: customerFilter(seeds.filter) } : {}),
      ...(seeds.customerIds ? { customerIds: seeds.customerIds } : {}),
    },
    candidates: customerFilter(candidates),
    strategy: strategy === "per_seed" ? "per-seed" : (strategy ?? "centroid"),
  };
}

export function schemaInput(input: ImportDatasetInput | null | undefined): SchemaInput {
  if (!input) return {};
  const { columns, ...rest } = input;
  return {
    ...defined(rest),
    ...(columns
      ? {
          overrides: {
            columns: Object.fromEntries(columns.map(({ name, ...column }) => [name, defined(column)])),
          },
        }
      : {}),
  };
}

export function runConfig(input: RunConfigInput | null | undefined): {
  config: EngineRunConfig;
  drop: string[];
  activate: boolean | undefined;
} {
  const split = input?.split ? defined(input.split) : undefined;
  return {
    config: {
      ...(split ? { split: split as EngineRunConfig["split"] } : {}),
      ...(input?.model ? { model: defined(input.model) as EngineRunConfig["model"] } : {}),
      ...(input?.seed != null ? { seed: input.seed } : {}),
    },
    drop: input?.drop ?? [],
    activate: input?.activate ?? undefined,
  };
}

export function tippingConfig(input: TippingInput): TippingConfig {
  return {
    features: input.features,
    ...(input.locked ? { locked: input.locked } : {}),
    ...(input.levers
      ? { levers: Object.fromEntries(input.levers.map(({ feature, ...lever }) => [feature, defined(lever)])) }
      : {}),
    ...(input.threshold != null ? { threshold: input.threshold } : {}),
    ...(input.pairs != null ? { pairs: input.pairs } : {}),
  };
}
