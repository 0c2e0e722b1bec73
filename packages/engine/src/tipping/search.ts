import { columnIndex, type RawTable } from "../data/index.ts";
import { KindredError } from "../errors/index.ts";
import { DEFAULT_MAX_STEPS } from "./levers.ts";
import { type WhatIf, whatIfTable } from "./trial-table.ts";
import { trialsFor } from "./trials.ts";
import type { FeatureChange, RawScorer, ResolvedTipping, TippingOutcome, Trial } from "./types.ts";

export interface TippingCandidate {
  /** Row of the customer in the table. */
  row: number;
  probability: number;
  /** SHAP value of each lever's feature for this customer, in `levers` order. */
  shap: ArrayLike<number>;
}

export interface SearchOptions {
  maxSteps?: number;
  /** Values per feature tried in a two-feature grid (evenly spread over its trials). Default 40. */
  pairValues?: number;
  /** What-if rows scored per call (candidates are searched in chunks of about this size). Default 50,000. */
  batchRows?: number;
  onProgress?(done: number, total: number): void;
}

/** One lever's trials for one candidate and the probability each gives. */
interface Tried {
  trials: Trial[];
  probabilities: ArrayLike<number>;
}

/** A pair of changes tried together: trial of lever a, trial of lever b. */
type Combo = [a: number, ta: Trial, b: number, tb: Trial];

/**
 * For each candidate under the threshold: the actionable features are ordered by their SHAP
 * value, most negative first (the ones holding the customer back most); the tipping feature is
 * the first of them with a permitted value that lifts the probability to the threshold or over,
 * and its tipping value is the nearest such value. With `pairs`, customers no single feature tips
 * get the two-feature change with the smallest combined normalized change. Customers no change
 * tips are reported with the bound reached and the best probability a permitted value gives.
 * Candidates already at or over the threshold are reported as such, with nothing to change.
 * All what-if rows of a chunk of candidates are scored in one call.
 */
export function searchTipping(
  table: RawTable,
  candidates: TippingCandidate[],
  tipping: ResolvedTipping,
  score: RawScorer,
  options: SearchOptions = {},
): TippingOutcome[] {
  const { levers } = tipping;
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const batchRows = options.batchRows ?? 50_000;
  const columns = levers.map((lever) => columnIndex(table, lever.feature));
  for (const [i, candidate] of candidates.entries()) {
    if (candidate.shap.length !== levers.length) {
      throw new KindredError(
        "INVALID_CONFIG",
        `candidates[${i}].shap: ${candidate.shap.length} values for ${levers.length} actionable features`,
        { field: "shap" },
      );
    }
  }
  const search = new ChunkSearch(table, tipping, columns, score, maxSteps, options.pairValues ?? 40);
  const outcomes: TippingOutcome[] = [];
  let chunk: TippingCandidate[] = [];
  let rows = 0;
  for (const candidate of candidates) {
    chunk.push(candidate);
    rows += levers.reduce(
      (n, lever, l) => n + trialsFor(lever, search.current(l, candidate.row), maxSteps).length,
      0,
    );
    if (rows >= batchRows) {
      outcomes.push(...search.run(chunk));
      options.onProgress?.(outcomes.length, candidates.length);
      chunk = [];
      rows = 0;
    }
  }
  if (chunk.length > 0) outcomes.push(...search.run(chunk));
  options.onProgress?.(outcomes.length, candidates.length);
  return outcomes;
}

class ChunkSearch {
  constructor(
    private readonly table: RawTable,
    private readonly tipping: ResolvedTipping,
    private readonly columns: number[],
    private readonly score: RawScorer,
    private readonly maxSteps: number,
    private readonly pairValues: number,
  ) {}

  current(lever: number, row: number): string {
    return (this.table.columns[this.columns[lever] as number]?.[row] ?? "").trim();
  }

  run(candidates: TippingCandidate[]): TippingOutcome[] {
    const { threshold } = this.tipping;
    const below = candidates.filter((c) => c.probability < threshold);
    const tried = this.trySingles(below);
    const untipped = [...below.keys()].filter(
      (i) => !(tried[i] as Tried[]).some((t) => firstCrossing(t, threshold) >= 0),
    );
    const pairs = this.tipping.pairs
      ? this.tryPairs(below, untipped, tried)
      : new Map<TippingCandidate, Best>();
    let next = 0;
    return candidates.map((candidate) =>
      candidate.probability >= threshold
        ? aboveThreshold(candidate)
        : this.outcome(candidate, tried[next++] as Tried[], pairs.get(candidate)),
    );
  }

  /** Every single-feature what-if of every candidate, scored in one call. */
  private trySingles(candidates: TippingCandidate[]): Tried[][] {
    const whatIfs: WhatIf[] = [];
    const trials = candidates.map((candidate) =>
      this.tipping.levers.map((lever, l) => {
        const list = trialsFor(lever, this.current(l, candidate.row), this.maxSteps);
        for (const trial of list) whatIfs.push(this.whatIf(candidate.row, [[l, trial]]));
        return list;
      }),
    );
    const scores = this.scoreAll(whatIfs);
    let next = 0;
    return trials.map((perLever) =>
      perLever.map((list) => {
        const probabilities = scores.subarray(next, next + list.length);
        next += list.length;
        return { trials: list, probabilities };
      }),
    );
  }

  /** For each untipped candidate: the crossing pair with the smallest combined normalized change. */
  private tryPairs(
    below: TippingCandidate[],
    untipped: number[],
    tried: Tried[][],
  ): Map<TippingCandidate, Best> {
    const levers = this.tipping.levers.length;
    const combos: Combo[][] = untipped.map((i) => {
      const singles = tried[i] as Tried[];
      const list: Combo[] = [];
      for (let a = 0; a < levers; a++) {
        for (let b = a + 1; b < levers; b++) {
          for (const ta of spread((singles[a] as Tried).trials, this.pairValues)) {
            for (const tb of spread((singles[b] as Tried).trials, this.pairValues)) list.push([a, ta, b, tb]);
          }
        }
      }
      return list;
    });
    const scores = this.scoreAll(
      untipped.flatMap((c, i) =>
        (combos[i] as Combo[]).map(([a, ta, b, tb]) =>
          this.whatIf((below[c] as TippingCandidate).row, [
            [a, ta],
            [b, tb],
          ]),
        ),
      ),
    );
    const best = new Map<TippingCandidate, Best>();
    let next = 0;
    untipped.forEach((c, i) => {
      let pick: Best | undefined;
      for (const combo of combos[i] as Combo[]) {
        const probability = scores[next++] as number;
        const cost = combo[1].normalized + combo[3].normalized;
        if (probability >= this.tipping.threshold && (!pick || cost < pick.cost))
          pick = { combo, probability, cost };
      }
      if (pick) best.set(below[c] as TippingCandidate, pick);
    });
    return best;
  }

  private outcome(candidate: TippingCandidate, tried: Tried[], pair: Best | undefined): TippingOutcome {
    const { levers, threshold } = this.tipping;
    // Most negative SHAP first: the features holding the customer back most.
    const order = [...levers.keys()].sort(
      (a, b) => (candidate.shap[a] as number) - (candidate.shap[b] as number) || a - b,
    );
    const change = (l: number, trial: Trial): FeatureChange => ({
      feature: levers[l]?.feature as string,
      originalValue: this.current(l, candidate.row),
      tippingValue: trial.value,
      change: trial.change,
      normalizedChange: trial.normalized,
    });
    const report = (l: number, fields: Partial<TippingOutcome>): TippingOutcome => ({
      ...aboveThreshold(candidate),
      status: "bound-reached",
      tippingFeature: levers[l]?.feature as string,
      shap: candidate.shap[l] as number,
      originalValue: this.current(l, candidate.row),
      newProbability: candidate.probability,
      ...fields,
    });

    for (const l of order) {
      const { trials, probabilities } = tried[l] as Tried;
      const at = firstCrossing(tried[l] as Tried, threshold);
      if (at < 0) continue;
      const trial = trials[at] as Trial;
      return report(l, {
        status: "tipped",
        tipped: true,
        tippingValue: trial.value,
        change: trial.change,
        normalizedChange: trial.normalized,
        newProbability: probabilities[at] as number,
        changes: [change(l, trial)],
      });
    }
    if (pair) {
      const [a, ta, b, tb] = pair.combo;
      const [first, changes] =
        order.indexOf(a) <= order.indexOf(b)
          ? [a, [change(a, ta), change(b, tb)]]
          : [b, [change(b, tb), change(a, ta)]];
      return report(first, {
        status: "tipped",
        tipped: true,
        tippingValue: changes[0]?.tippingValue ?? null,
        normalizedChange: pair.cost,
        newProbability: pair.probability,
        changes,
      });
    }
    // Bound reached: the first feature (in SHAP order) whose best permitted value raises the
    // probability, with that value; else the feature holding the customer back most, unchanged.
    const gain = (l: number) => bestOf(tried[l] as Tried);
    const raises = order.find((l) => (gain(l)?.probability ?? 0) > candidate.probability);
    if (raises === undefined) return report(order[0] as number, {});
    const best = gain(raises) as { value: string; probability: number };
    return report(raises, { newProbability: best.probability, bestValue: best.value });
  }

  private whatIf(row: number, set: [lever: number, trial: Trial][]): WhatIf {
    return { row, set: set.map(([l, trial]) => ({ column: this.columns[l] as number, value: trial.value })) };
  }

  private scoreAll(whatIfs: WhatIf[]): Float64Array {
    if (whatIfs.length === 0) return new Float64Array(0);
    const out = this.score(whatIfTable(this.table, whatIfs));
    if (out.length !== whatIfs.length) {
      throw new KindredError(
        "ARTIFACT_MISMATCH",
        `the model returned ${out.length} scores for ${whatIfs.length} rows`,
        {
          field: "score",
        },
      );
    }
    return Float64Array.from(out);
  }
}

interface Best {
  combo: Combo;
  probability: number;
  cost: number;
}

function aboveThreshold(candidate: TippingCandidate): TippingOutcome {
  return {
    row: candidate.row,
    probability: candidate.probability,
    status: "above-threshold",
    tipped: false,
    tippingFeature: null,
    shap: null,
    originalValue: null,
    tippingValue: null,
    change: null,
    normalizedChange: null,
    newProbability: null,
    bestValue: null,
    changes: [],
  };
}

function firstCrossing(tried: Tried, threshold: number): number {
  for (let i = 0; i < tried.probabilities.length; i++)
    if ((tried.probabilities[i] as number) >= threshold) return i;
  return -1;
}

function bestOf(tried: Tried): { value: string; probability: number } | undefined {
  let best: { value: string; probability: number } | undefined;
  tried.trials.forEach((trial, i) => {
    const probability = tried.probabilities[i] as number;
    if (!best || probability > best.probability) best = { value: trial.value, probability };
  });
  return best;
}

/**
 * At most about `count` trials for a two-feature grid: each direction (up, down, level switches)
 * gets an equal share, spread evenly from its nearest value to its farthest (the bound).
 */
function spread(trials: Trial[], count: number): Trial[] {
  if (trials.length <= count) return trials;
  const groups = [
    trials.filter((t) => t.change !== null && t.change > 0),
    trials.filter((t) => t.change !== null && t.change < 0),
    trials.filter((t) => t.change === null),
  ].filter((g) => g.length > 0);
  const share = Math.max(2, Math.ceil(count / groups.length));
  return groups
    .flatMap((group) =>
      group.length <= share
        ? group
        : Array.from(
            { length: share },
            (_, i) => group[Math.round((i * (group.length - 1)) / (share - 1))] as Trial,
          ),
    )
    .sort((a, b) => a.normalized - b.normalized);
}
