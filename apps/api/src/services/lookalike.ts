import { KindredError } from "@kindred/engine/errors";
import { type LookalikeStrategy, lookalike, type PayloadFilter } from "@kindred/engine/lookalike";
import type { AppContext } from "../context.ts";
import { getRun, type Run } from "../store/run-store.ts";
import { writeCsvAtomically } from "./csv-file.ts";
import { MLP_SPACE, openRunIndex, TEXT_SPACE } from "./run-index.ts";

export interface LookalikeInput {
  runId: string;
  /** Seeds by payload (e.g. { label: 1 } or { persona: 2 }) and/or by customer id. */
  seeds: { filter?: PayloadFilter; customerIds?: string[] };
  /** Who may be returned (e.g. { label: 0 }); seeds themselves never are. */
  candidates?: PayloadFilter;
  /** Customer ids to leave out (an earlier target list). */
  exclude?: string[];
  strategy: LookalikeStrategy;
  limit?: number;
  /** per-seed: nearest candidates kept per seed. */
  perSeed?: number;
  /** Keep only results at least this similar (cosine). */
  minSimilarity?: number;
  /** Target lists whose customers are left out (an earlier campaign). */
  excludeLists?: string[];
  /** Weight of the model probability in the ranking (0 = similarity alone). */
  blend?: number;
  evaluate?: boolean;
  space?: string;
}

export interface LookalikeSummary {
  strategy: LookalikeStrategy;
  seeds: number;
  missingSeeds: string[];
  results: {
    customerId: string;
    similarity: number;
    probability: number | null;
    score: number;
    label: number | null;
    persona: number | null;
  }[];
  evaluation: { hiddenSeeds: number; k: number; recallAtK: number; lift: number } | null;
}

/** Seeds in, ranked prospects out, over the run's vector index. */
export async function runLookalike(ctx: AppContext, input: LookalikeInput): Promise<LookalikeSummary> {
  const run = await getRun(ctx.db.prisma, input.runId);
  if (input.minSimilarity !== undefined && !(input.minSimilarity >= -1 && input.minSimilarity <= 1)) {
    throw new KindredError(
      "INVALID_CONFIG",
      `minSimilarity must be between -1 and 1, got ${input.minSimilarity}`,
      {
        field: "minSimilarity",
      },
    );
  }
  const space = checkSpace(run, input.space ?? MLP_SPACE);
  const seedIds = await rowIdsOf(ctx, run.datasetId, input.seeds.customerIds ?? []);
  const excluded = await rowIdsOf(ctx, run.datasetId, [
    ...(input.exclude ?? []),
    ...(await listedCustomers(ctx, input.excludeLists ?? [])),
  ]);
  const index = await openRunIndex(ctx, run);
  const result = await lookalike(index, {
    space,
    seeds: {
      ...(input.seeds.filter ? { filter: input.seeds.filter } : {}),
      ...(input.seeds.customerIds ? { ids: seedIds.found } : {}),
    },
    candidates: input.candidates,
    exclude: excluded.found,
    strategy: input.strategy,
    limit: input.limit ?? 100,
    ...(input.perSeed !== undefined ? { perSeed: input.perSeed } : {}),
    blend: input.blend,
    ...(input.evaluate ? { evaluate: { holdOut: 0.2, seed: 42 } } : {}),
  });
  return {
    strategy: input.strategy,
    seeds: result.seeds,
    missingSeeds: [...seedIds.missing, ...result.missingSeeds.map(String)],
    results: result.results
      .filter((r) => input.minSimilarity === undefined || r.similarity >= input.minSimilarity)
      .map((r) => ({
        customerId: r.customerId,
        similarity: r.similarity,
        probability: r.probability,
        score: r.score,
        label: r.label,
        persona: r.persona,
      })),
    evaluation: result.evaluation ?? null,
  };
}

/**
 * A lookalike result as a target-list CSV for a campaign (rank, customer id, similarity,
 * probability, score). The whole search runs first, so bad input writes no file at all.
 */
export async function exportTargetList(
  ctx: AppContext,
  input: LookalikeInput & { out: string },
): Promise<{ rows: number; path: string; summary: LookalikeSummary }> {
  const summary = await runLookalike(ctx, input);
  const rows = await writeCsvAtomically(
    input.out,
    ["rank", "customer_id", "similarity", "probability", "score"],
    summary.results.map((r, i) => [i + 1, r.customerId, r.similarity, r.probability ?? "", r.score]),
  );
  return { rows, path: input.out, summary };
}

/** A vector space of the run: mlp, or text once the run's customers were embedded as text. */
export function checkSpace(run: Run, space: string): string {
  if (space !== MLP_SPACE && space !== TEXT_SPACE) {
    throw new KindredError("INVALID_CONFIG", `space must be ${MLP_SPACE} or ${TEXT_SPACE}, got "${space}"`, {
      field: "space",
    });
  }
  if (space === TEXT_SPACE && !run.textDim) {
    throw new KindredError(
      "CONFLICT",
      `run ${run.id} has no text space yet: embed its customers as text first (kindred text --run ${run.id})`,
      { field: "space" },
    );
  }
  return space;
}

/** The customer ids of the given target lists; an unknown list is an error naming it. */
async function listedCustomers(ctx: AppContext, listIds: string[]): Promise<string[]> {
  if (listIds.length === 0) return [];
  const lists = await ctx.db.prisma.targetList.findMany({
    where: { id: { in: listIds } },
    select: { id: true },
  });
  const unknown = listIds.find((id) => !lists.some((l) => l.id === id));
  if (unknown) throw new KindredError("NOT_FOUND", `no target list "${unknown}"`, { field: "excludeLists" });
  const members = await ctx.db.prisma.targetListMember.findMany({
    where: { listId: { in: listIds } },
    select: { customer: { select: { customerKey: true } } },
  });
  return members.map((m) => m.customer.customerKey);
}

/** Customer ids → point ids (dataset row index); unknown ids are reported, not fatal. */
async function rowIdsOf(
  ctx: AppContext,
  datasetId: string,
  customerIds: string[],
): Promise<{ found: number[]; missing: string[] }> {
  if (customerIds.length === 0) return { found: [], missing: [] };
  const wanted = [...new Set(customerIds.map((id) => id.trim()).filter((id) => id !== ""))];
  if (wanted.length === 0) {
    throw new KindredError("INVALID_CONFIG", "the customer id list is empty", { field: "seeds" });
  }
  const rows = await ctx.db.prisma.customer.findMany({
    where: { datasetId, customerKey: { in: wanted } },
    select: { customerKey: true, rowIndex: true },
  });
  const byKey = new Map(rows.map((r) => [r.customerKey, r.rowIndex]));
  return {
    found: wanted.flatMap((id) => (byKey.has(id) ? [byKey.get(id) as number] : [])),
    missing: wanted.filter((id) => !byKey.has(id)),
  };
}

/**
 * List A of the retargeting method in one vector space: each buyer's nearest non-buyer (per-seed
 * search, one each), deduplicated, most similar first; `exclude` rows are never returned.
 */
export async function nearestNonBuyers(
  ctx: AppContext,
  run: Run,
  labels: Uint8Array,
  space: string,
  exclude: number[] = [],
): Promise<{ rows: number[]; similarity: Map<number, number> }> {
  const buyers = labels.reduce((n, label) => n + label, 0);
  if (buyers === 0) {
    throw new KindredError(
      "CONFLICT",
      "the similarity list needs buyers (label 1) to search from; there are none",
      {
        field: "list",
      },
    );
  }
  const index = await openRunIndex(ctx, run);
  const result = await lookalike(index, {
    space,
    seeds: { filter: { label: 1 } },
    candidates: { label: 0 },
    exclude,
    strategy: "per-seed",
    perSeed: 1,
    limit: buyers,
  });
  return {
    rows: result.results.map((hit) => hit.id),
    similarity: new Map(result.results.map((hit) => [hit.id, hit.similarity])),
  };
}
