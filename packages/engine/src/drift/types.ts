/** An embedding matrix: `rows` × `cols`, row-major (row r, dimension c at `data[r * cols + c]`). */
export interface Points {
  data: Float32Array;
  rows: number;
  cols: number;
}

export type PsiStatus = "stable" | "watch" | "retrain";

/** How one bin compares: smoothed shares (they enter the PSI) and raw counts on both sides. */
export interface BinShare {
  baseline: number;
  current: number;
  baselineCount: number;
  currentCount: number;
}
