import { KindredError } from "../errors/index.ts";

/**
 * Row indices sorted by timestamp (milliseconds or any comparable number), earliest first;
 * rows with equal times keep their row order (stable). The caller parses the dates. A time that
 * is NaN or infinite → INVALID_CONFIG naming the first such row (1-based).
 */
export function timeOrder(times: ArrayLike<number>): Uint32Array {
  const n = times.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const t = times[i] as number;
    if (!Number.isFinite(t)) {
      throw new KindredError("INVALID_CONFIG", `time of row ${i + 1} is ${t}, expected a finite timestamp`, {
        row: i + 1,
        field: "times",
      });
    }
    order[i] = i;
  }
  return order.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
}
