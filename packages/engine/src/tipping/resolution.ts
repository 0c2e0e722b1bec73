import { parseNumber } from "../data/index.ts";

/** Most decimals considered: finer steps than 1e-6 are not a marketing lever. */
const MAX_DECIMALS = 6;

/** Decimals written after the point in a number's text ("1.50" → 2, "3" → 0, "2.5e-3" → 4). */
export function decimalsOf(text: string): number {
  const t = text.trim().toLowerCase();
  const exponent = t.indexOf("e");
  if (exponent >= 0) {
    const mantissa = decimalsOf(t.slice(0, exponent));
    return Math.min(MAX_DECIMALS, Math.max(0, mantissa - Number(t.slice(exponent + 1))));
  }
  const point = t.indexOf(".");
  return point < 0 ? 0 : Math.min(MAX_DECIMALS, t.length - point - 1);
}

/** The finest decimals among a column's numeric cells: its resolution is 10^−decimals. */
export function columnDecimals(cells: readonly string[]): number {
  let decimals = 0;
  for (const cell of cells) {
    if (Number.isFinite(parseNumber(cell))) decimals = Math.max(decimals, decimalsOf(cell));
    if (decimals === MAX_DECIMALS) break;
  }
  return decimals;
}

/**
 * The search step: the data's resolution, coarsened to a multiple of it when the permitted range
 * would otherwise take more than `maxSteps` steps.
 */
export function defaultStep(decimals: number, range: number, maxSteps: number): number {
  const resolution = 10 ** -decimals;
  if (range <= 0) return resolution;
  const factor = Math.max(1, Math.ceil(range / (resolution * maxSteps) - 1e-9));
  return roundTo(resolution * factor, decimals);
}

export function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}
