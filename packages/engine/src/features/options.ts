import { KindredError } from "../errors/index.ts";
import type { EncoderOptions } from "./types.ts";

export const DEFAULT_ENCODER_OPTIONS: Required<EncoderOptions> = {
  logSkewThreshold: 2,
  minLevelCount: 10,
  minLevelShare: 0.005,
  clipToTrainRange: true,
  standardizeIndicators: true,
};

/** Fills in defaults; INVALID_CONFIG naming the option when a value is out of range. */
export function resolveEncoderOptions(options: EncoderOptions = {}): Required<EncoderOptions> {
  const resolved = { ...DEFAULT_ENCODER_OPTIONS, ...definedOnly(options) };
  if (!Number.isFinite(resolved.logSkewThreshold)) {
    fail("logSkewThreshold", `must be a finite number, got ${resolved.logSkewThreshold}`);
  }
  if (!Number.isInteger(resolved.minLevelCount) || resolved.minLevelCount < 0) {
    fail("minLevelCount", `must be a non-negative integer, got ${resolved.minLevelCount}`);
  }
  if (!Number.isFinite(resolved.minLevelShare) || resolved.minLevelShare < 0 || resolved.minLevelShare > 1) {
    fail("minLevelShare", `must be between 0 and 1, got ${resolved.minLevelShare}`);
  }
  for (const flag of ["clipToTrainRange", "standardizeIndicators"] as const) {
    if (typeof resolved[flag] !== "boolean")
      fail(flag, `must be true or false, got ${String(resolved[flag])}`);
  }
  return resolved;
}

function definedOnly(options: EncoderOptions): EncoderOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

function fail(field: string, problem: string): never {
  throw new KindredError("INVALID_CONFIG", `encoder option ${field} ${problem}`, { field });
}
