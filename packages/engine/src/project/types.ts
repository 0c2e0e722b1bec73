/** Row-major n × d points (an embedding matrix): value (r, c) is data[r * cols + c]. */
export interface Points {
  data: Float32Array;
  rows: number;
  cols: number;
}

/** Called with the share of the work done, in [0, 1]; the last call is 1. */
export type OnProgress = (share: number) => void;
