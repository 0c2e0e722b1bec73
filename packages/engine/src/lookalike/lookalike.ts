import { KindredError } from "../errors/index.ts";
import { createRng, shuffleInPlace } from "../random/index.ts";
import { ExactIndex, TopK } from "./exact-index.ts";
import { compileFilter } from "./payload-filter.ts";
import type { PayloadFilter, PointPayload, VectorIndex } from "./vector-index.ts";

export type LookalikeStrategy = "centroid" | "best" | "sum" | "per-seed";

export interface LookalikeRequest {
  space?: string;
  seeds: { ids?: number[]; filter?: PayloadFilter; vectors?: Float32Array[] };
  /** Who may be returned, e.g. { label: 0 }; seeds themselves never are. */
  candidates?: PayloadFilter;
  exclude?: number[];
  strategy: LookalikeStrategy;
  limit?: number;
  /** per-seed: nearest candidates kept per seed. */
  perSeed?: number;
  /** Weight w of the model probability: score = (1 − w)·similarity + w·probability. */
  blend?: number;
  /** Hide a share of the seeds and measure how many come back in the top `limit`. */
  evaluate?: { holdOut?: number; seed?: number };
}

export interface LookalikeHit {
  id: number;
  customerId: string;
  similarity: number;
  probability: number | null;
  score: number;
  label: number | null;
  persona: number | null;
}

export interface LookalikeResult {
  strategy: LookalikeStrategy;
  seeds: number;
  missingSeeds: number[];
  results: LookalikeHit[];
  evaluation?: { hiddenSeeds: number; k: number; recallAtK: number; lift: number };
}

interface Seeds {
  ids: number[];
  vectors: Float32Array[];
  missing: number[];
}

/**
 * Seeds in, ranked prospects out. `centroid` searches once from the normalized mean of the seeds
 * (Qdrant's average_vector); `best` ranks by the highest cosine to any seed, `sum` by the mean
 * cosine over seeds; `per-seed` keeps each seed's nearest candidates, deduplicated by their best
 * score (the seed document's method). Over the embedded exact index every strategy is exact; over
 * other indexes `best`, `sum` and the evaluation aggregate generous per-seed searches.
 */
export async function lookalike(index: VectorIndex, request: LookalikeRequest): Promise<LookalikeResult> {
  const space = request.space ?? "mlp";
  const limit = request.limit ?? 100;
  const blend = request.blend ?? 0;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new KindredError("INVALID_CONFIG", `limit must be a positive integer, got ${limit}`, {
      field: "limit",
    });
  }
  if (!(blend >= 0 && blend <= 1)) {
    throw new KindredError("INVALID_CONFIG", `blend must be between 0 and 1, got ${blend}`, {
      field: "blend",
    });
  }
  compileFilter(request.candidates); // unknown fields fail before any work
  const seeds = await resolveSeeds(index, space, request.seeds);
  const excluded = new Set([...(request.exclude ?? []), ...seeds.ids]);
  const candidateTest = compileFilter(request.candidates);
  const allowed = (id: number, payload: PointPayload) => !excluded.has(id) && candidateTest(id, payload);
  const options = { space, strategy: request.strategy, limit, perSeed: request.perSeed ?? 5, blend };
  const results = await rank(index, seeds.vectors, allowed, request.candidates, [...excluded], options);

  let evaluation: LookalikeResult["evaluation"];
  if (request.evaluate && seeds.ids.length >= 2) {
    const order = shuffleInPlace([...seeds.ids.keys()], createRng(request.evaluate.seed ?? 42));
    const hiddenCount = Math.max(1, Math.round((request.evaluate.holdOut ?? 0.2) * seeds.ids.length));
    const hidden = new Set(order.slice(0, hiddenCount).map((i) => seeds.ids[i] as number));
    const kept = order.slice(hiddenCount);
    const pool = (id: number, payload: PointPayload) =>
      hidden.has(id) || (!excluded.has(id) && candidateTest(id, payload));
    const poolSize = await countWhere(index, pool);
    const evalExcluded = [...(request.exclude ?? []), ...kept.map((i) => seeds.ids[i] as number)];
    const top = await rank(
      index,
      kept.map((i) => seeds.vectors[i] as Float32Array),
      pool,
      undefined,
      evalExcluded,
      options,
    );
    const found = top.filter((hit) => hidden.has(hit.id)).length;
    const recallAtK = found / hidden.size;
    evaluation = {
      hiddenSeeds: hidden.size,
      k: limit,
      recallAtK,
      lift: poolSize > 0 ? recallAtK / Math.min(1, limit / poolSize) : 0,
    };
  }
  return {
    strategy: request.strategy,
    seeds: seeds.ids.length + (request.seeds.vectors?.length ?? 0),
    missingSeeds: seeds.missing,
    results,
    ...(evaluation ? { evaluation } : {}),
  };
}

async function resolveSeeds(
  index: VectorIndex,
  space: string,
  spec: LookalikeRequest["seeds"],
): Promise<Seeds> {
  const dims = await index.dimensions();
  const dim = dims[space];
  if (dim === undefined) {
    throw new KindredError("NOT_FOUND", `the index has no "${space}" vectors`, { field: "space" });
  }
  const wanted = new Set(spec.ids ?? []);
  if (spec.filter) for (const p of await index.scroll(spec.filter)) wanted.add(p.id);
  const found = await index.retrieve([...wanted], space);
  const foundIds = new Set(found.map((p) => p.id));
  const raw = spec.vectors ?? [];
  raw.forEach((v, i) => {
    if (v.length !== dim) {
      throw new KindredError(
        "ARTIFACT_MISMATCH",
        `seed vector ${i + 1} has ${v.length} dimensions; the index has ${dim}`,
        {
          field: "seeds",
        },
      );
    }
  });
  if (found.length + raw.length === 0) {
    throw new KindredError("INVALID_CONFIG", "no seeds: the seed ids and filter matched no customer", {
      field: "seeds",
    });
  }
  // Raw vectors take part in ranking but have no id to exclude or hide.
  return {
    ids: found.map((p) => p.id),
    vectors: [...found.map((p) => p.vector), ...raw],
    missing: (spec.ids ?? []).filter((id) => !foundIds.has(id)),
  };
}

interface RankOptions {
  space: string;
  strategy: LookalikeStrategy;
  limit: number;
  perSeed: number;
  blend: number;
}

async function rank(
  index: VectorIndex,
  seeds: Float32Array[],
  allowed: (id: number, payload: PointPayload) => boolean,
  candidates: PayloadFilter | undefined,
  excludeIds: number[],
  options: RankOptions,
): Promise<LookalikeHit[]> {
  const { space, strategy, limit, blend } = options;
  const scored = new Map<number, { similarity: number; payload: PointPayload }>();
  const keep = (id: number, similarity: number, payload: PointPayload, combine: "max" | "set") => {
    const known = scored.get(id);
    if (!known || (combine === "max" && similarity > known.similarity) || combine === "set") {
      scored.set(id, { similarity, payload });
    }
  };
  if (index instanceof ExactIndex && (strategy === "best" || strategy === "sum")) {
    // Exact: every allowed customer scored against every seed; only the top `limit` are kept.
    const mask = new Uint8Array(index.size);
    for (let s = 0; s < index.size; s++) mask[s] = allowed(index.idAt(s), index.payloadAt(s)) ? 1 : 0;
    const total = new Float32Array(index.size).fill(strategy === "best" ? Number.NEGATIVE_INFINITY : 0);
    for (const seed of seeds) {
      const scores = index.scoreAll(space, seed, mask);
      for (let s = 0; s < total.length; s++) {
        if (mask[s] === 0) continue;
        total[s] =
          strategy === "best"
            ? Math.max(total[s] as number, scores[s] as number)
            : (total[s] as number) + (scores[s] as number);
      }
    }
    const top = new TopK(limit);
    for (let s = 0; s < total.length; s++) {
      if (mask[s] === 0) continue;
      const similarity = strategy === "sum" ? (total[s] as number) / seeds.length : (total[s] as number);
      top.push((1 - blend) * similarity + blend * (index.payloadAt(s).probability ?? 0), s);
    }
    for (const { slot } of top.entries()) {
      const similarity =
        strategy === "sum" ? (total[slot] as number) / seeds.length : (total[slot] as number);
      scored.set(index.idAt(slot), { similarity, payload: index.payloadAt(slot) });
    }
  } else if (strategy === "centroid") {
    const dim = seeds[0]?.length ?? 0;
    const mean = new Float32Array(dim);
    for (const seed of seeds) {
      let norm = 0;
      for (let d = 0; d < dim; d++) norm += (seed[d] as number) ** 2;
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let d = 0; d < dim; d++) mean[d] = (mean[d] as number) + (seed[d] as number) * scale;
    }
    const fetch = fetchSize(limit, blend, candidates === undefined);
    const hits = await index.search({
      space,
      vector: mean,
      limit: fetch,
      filter: { ...candidates, excludeIds },
    });
    for (const hit of hits) if (allowed(hit.id, hit.payload)) keep(hit.id, hit.score, hit.payload, "set");
  } else {
    const per = strategy === "per-seed" ? options.perSeed : fetchSize(limit, blend, true);
    const batches = await index.searchBatch(
      seeds.map((vector) => ({ space, vector, limit: per, filter: { ...candidates, excludeIds } })),
    );
    const sums = new Map<number, number>();
    for (const hits of batches) {
      for (const hit of hits) {
        if (!allowed(hit.id, hit.payload)) continue;
        if (strategy === "sum") sums.set(hit.id, (sums.get(hit.id) ?? 0) + hit.score);
        keep(hit.id, hit.score, hit.payload, "max");
      }
    }
    if (strategy === "sum")
      for (const [id, sum] of sums)
        keep(id, sum / seeds.length, (scored.get(id) as { payload: PointPayload }).payload, "set");
  }
  return [...scored]
    .map(([id, { similarity, payload }]) => ({
      id,
      customerId: payload.customerId,
      similarity,
      probability: payload.probability,
      score: (1 - blend) * similarity + blend * (payload.probability ?? 0),
      label: payload.label,
      persona: payload.persona,
    }))
    .sort((a, b) => b.score - a.score || b.similarity - a.similarity || a.id - b.id)
    .slice(0, limit);
}

/** How many indexed points pass `test` (the exact index is counted in place). */
async function countWhere(
  index: VectorIndex,
  test: (id: number, payload: PointPayload) => boolean,
): Promise<number> {
  if (index instanceof ExactIndex) {
    let count = 0;
    for (let s = 0; s < index.size; s++) if (test(index.idAt(s), index.payloadAt(s))) count++;
    return count;
  }
  return (await index.scroll({})).filter((p) => test(p.id, p.payload)).length;
}

/** Searches fetch more than `limit` when results are re-ranked or post-filtered afterwards. */
function fetchSize(limit: number, blend: number, postFiltered: boolean): number {
  return blend > 0 || postFiltered ? Math.max(limit * 10, 500) : limit;
}
