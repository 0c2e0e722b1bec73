import { KindredError } from "../errors/index.ts";
import type { EncoderOptions } from "../features/index.ts";
import type { MlpConfig } from "../model/index.ts";

export type SplitMethod = "oot" | "random";

export interface SplitConfig {
  method: SplitMethod;
  /** Orders rows for the out-of-time split; default: the schema's time column, else row order. */
  timeColumn?: string;
  inTimeShare: number;
  valShare: number;
  oot1Share: number;
  oot2Share: number;
  /** Random split only: held-out test share. */
  testShare: number;
}

/** Everything a run needs besides the data; stored with the run so it can be reproduced. */
export interface RunConfig {
  split: SplitConfig;
  /** Network settings; `kind` follows from whether the schema has a target. */
  model: Partial<MlpConfig>;
  encoder: Partial<EncoderOptions>;
  seed: number;
}

export const DEFAULT_SPLIT: Readonly<SplitConfig> = Object.freeze({
  method: "oot",
  inTimeShare: 0.7,
  valShare: 0.15,
  oot1Share: 0.15,
  oot2Share: 0.15,
  testShare: 0.15,
});

export interface RunConfigInput {
  split?: Partial<SplitConfig>;
  model?: Partial<MlpConfig>;
  encoder?: Partial<EncoderOptions>;
  seed?: number;
}

/** Fills defaults and checks the fields a user types by hand (deeper checks live in each stage). */
export function resolveRunConfig(input: RunConfigInput = {}): RunConfig {
  const seed = input.seed ?? 42;
  if (!Number.isInteger(seed) || seed < 0) {
    throw new KindredError("INVALID_CONFIG", `seed must be a non-negative integer, got ${seed}`, {
      field: "seed",
    });
  }
  const split: SplitConfig = { ...DEFAULT_SPLIT, ...input.split };
  if (split.method !== "oot" && split.method !== "random") {
    throw new KindredError("INVALID_CONFIG", `split must be "oot" or "random", got "${split.method}"`, {
      field: "split",
    });
  }
  const epochs = input.model?.maxEpochs;
  if (epochs !== undefined && (!Number.isInteger(epochs) || epochs < 1)) {
    throw new KindredError("INVALID_CONFIG", `epochs must be a positive integer, got ${epochs}`, {
      field: "epochs",
    });
  }
  return { split, model: { seed, ...input.model }, encoder: { ...input.encoder }, seed };
}
