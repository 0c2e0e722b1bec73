import { KindredError } from "../errors/index.ts";
import { psi } from "./psi.ts";
import { epsilonSmoothing } from "./smoothing.ts";
import { psiStatus } from "./status.ts";
import type { PsiResult } from "./types.ts";

const OTHER = "(other)";
const MISSING = "(missing)";

/**
 * PSI over a categorical feature: one bin per baseline level, one for levels the baseline never
 * had, one for missing values.
 */
export function categoricalPsi(
  baseline: ArrayLike<string | null>,
  current: ArrayLike<string | null>,
  epsilon = 1e-4,
): PsiResult {
  if (current.length === 0)
    throw new KindredError("INVALID_CONFIG", "the current set is empty", { field: "current" });
  const levels = [...new Set(Array.from(baseline).filter((v): v is string => v !== null))].sort();
  const labels = [...levels, OTHER, MISSING];
  const index = new Map(levels.map((level, i) => [level, i]));
  const count = (values: ArrayLike<string | null>) => {
    const counts = new Array<number>(labels.length).fill(0);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const bin = v === null || v === undefined ? labels.length - 1 : (index.get(v) ?? levels.length);
      counts[bin] = (counts[bin] as number) + 1;
    }
    return counts;
  };
  const smoothing = epsilonSmoothing(epsilon);
  const b = smoothing.shares(count(baseline), baseline.length);
  const c = smoothing.shares(count(current), current.length);
  const value = psi(b, c);
  return {
    psi: value,
    status: psiStatus(value),
    bins: labels.map((label, i) => ({ label, baseline: b[i] as number, current: c[i] as number })),
  };
}
