import { formatRatio } from "./format-number.ts";

export interface StrategyOptions {
  /** Conversion at least this many times the average suggests "Convert" (default 1.5). */
  convertLift?: number;
  /** Conversion at most this many times the average suggests "Deprioritise" (default 0.67). */
  deprioritiseLift?: number;
}

/**
 * A plain starting point for the strategy text, from the segment's conversion against the whole
 * table's: "Convert" (well above average), "Nurture" (around it) or "Deprioritise" (well below).
 * Users rewrite it; without conversion data it says so instead of guessing.
 */
export function suggestStrategy(
  rate: number | null | undefined,
  populationRate: number | null | undefined,
  options: StrategyOptions & { measure?: string } = {},
): string {
  const measure = options.measure ?? "conversion";
  if (rate === null || rate === undefined || populationRate === null || populationRate === undefined) {
    return "No conversion data: set a strategy for this persona";
  }
  if (populationRate === 0) return `No ${measure} in the data: set a strategy for this persona`;
  const lift = rate / populationRate;
  const shown = `${measure} ${formatRatio(lift)} average`;
  if (lift >= (options.convertLift ?? 1.5)) return `Convert: ${shown} — prioritise in campaigns`;
  if (lift <= (options.deprioritiseLift ?? 0.67)) {
    return `Deprioritise: ${shown} — keep to low-cost channels and avoid heavy contact`;
  }
  return `Nurture: ${shown} — educate and follow up at low cost`;
}
