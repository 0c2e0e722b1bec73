export interface Points {
  /** rows × cols, row-major. */
  data: Float32Array;
  rows: number;
  cols: number;
}
