import { readFileSync } from "node:fs";

/** Reference numbers from make-fixtures.py (numpy), shared by the drift tests. */
export interface NumericCase {
  name: string;
  binning: "quantile" | "fixed-width";
  bins: number;
  missingBin: boolean;
  baseline: (number | null)[];
  current: (number | null)[];
  edges: number[];
  baselineCounts: number[];
  currentCounts: number[];
  baselineShares: number[];
  currentShares: number[];
  psi: number;
}

export interface CategoricalCase {
  name: string;
  maxLevels: number;
  baseline: (string | null)[];
  current: (string | null)[];
  levels: string[];
  baselineCounts: number[];
  currentCounts: number[];
  baselineShares: number[];
  currentShares: number[];
  psi: number;
}

export interface EmbeddingCase {
  cols: number;
  baseline: number[];
  current: number[];
  dims: { edges: number[]; baselineCounts: number[]; currentCounts: number[]; psi: number }[];
  baselineCentroid: number[];
  currentCentroid: number[];
  rmsRadius: number;
  centroidDistance: number;
  centroidDistanceRelative: number;
}

export interface PsiFixture {
  eps: number;
  numeric: NumericCase[];
  categorical: CategoricalCase[];
  embedding: EmbeddingCase;
  edgeProbe: { cuts: number[]; values: number[]; bins: number[] };
  quantiles: { sorted: number[]; p: number[]; q: number[] };
}

export const fixture = JSON.parse(
  readFileSync(new URL("./psi-numpy.json", import.meta.url), "utf8"),
) as PsiFixture;

/** Embedding values as Kindred stores them (float32), row-major. */
export function points(values: number[], cols: number) {
  return { data: Float32Array.from(values), rows: values.length / cols, cols };
}
