import { parseNumber } from "../data/index.ts";
import { roundTo } from "./resolution.ts";
import type { Lever, NumericLever, Trial } from "./types.ts";

/**
 * The values a lever may take for a customer whose current value is `current`, nearest first:
 * numeric features step from the current value toward each permitted bound (the bound itself
 * included); ordered levels move position by position; unordered levels switch to each other
 * permitted level. Empty when the current value is missing or nothing may change.
 */
export function trialsFor(lever: Lever, current: string, maxSteps: number): Trial[] {
  const value = current.trim();
  switch (lever.kind) {
    case "numeric":
      return numericTrials(lever, value, maxSteps);
    case "ordinal": {
      const from = lever.levels.indexOf(value);
      if (from < 0) return [];
      const span = Math.max(1, lever.levels.length - 1);
      return lever.permitted
        .map((level) => ({ level, change: lever.levels.indexOf(level) - from }))
        .filter(({ change }) => change !== 0 && allowed(lever.direction, change))
        .map(({ level, change }) => ({ value: level, change, normalized: Math.abs(change) / span }))
        .sort((a, b) => a.normalized - b.normalized || (b.change as number) - (a.change as number));
    }
    case "categorical":
      return lever.permitted
        .filter((level) => level !== value)
        .map((level) => ({ value: level, change: null, normalized: 1 }));
  }
}

function numericTrials(lever: NumericLever, current: string, maxSteps: number): Trial[] {
  const x = parseNumber(current);
  if (!Number.isFinite(x) || lever.missingMarkers.includes(current)) return [];
  const range = lever.max - lever.min;
  const trials: Trial[] = [];
  const add = (v: number) => {
    const rounded = roundTo(v, lever.decimals);
    const change = roundTo(rounded - x, lever.decimals);
    if (change === 0) return;
    trials.push({
      value: String(rounded),
      change,
      normalized: range > 0 ? Math.abs(change) / range : 1,
    });
  };
  for (const sign of [1, -1] as const) {
    if (!allowed(lever.direction, sign)) continue;
    const bound = sign > 0 ? lever.max : lever.min;
    if (sign * (bound - x) <= 0) continue;
    for (let k = 1; k <= maxSteps; k++) {
      const v = x + sign * k * lever.step;
      // Stop short of the bound (within rounding); the bound itself is always tried.
      if (sign * (bound - v) <= 1e-9 * Math.max(1, Math.abs(bound))) break;
      add(v);
    }
    add(bound);
  }
  return dedupe(trials).sort(
    (a, b) => a.normalized - b.normalized || (b.change as number) - (a.change as number),
  );
}

function allowed(direction: Lever["direction"], change: number): boolean {
  return direction === "any" || (direction === "increase" ? change > 0 : change < 0);
}

function dedupe(trials: Trial[]): Trial[] {
  const seen = new Set<string>();
  return trials.filter((t) => !seen.has(t.value) && seen.add(t.value) !== undefined);
}
