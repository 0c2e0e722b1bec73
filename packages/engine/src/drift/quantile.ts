/**
 * `numpy.quantile(sorted, p)` with numpy's default "linear" method (Hyndman–Fan 7), bit for bit:
 * virtual index h = (n − 1)·p, neighbours x[⌊h⌋] and x[⌊h⌋ + 1], weight t = h − ⌊h⌋, and
 * numpy's two-sided lerp (a + (b − a)·t below t = 0.5, b − (b − a)·(1 − t) from there on).
 * `sorted` must be ascending, non-empty and finite; p in [0, 1].
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * p;
  if (h >= n - 1) return sorted[n - 1] as number;
  if (h <= 0) return sorted[0] as number;
  const below = Math.floor(h);
  const t = h - below;
  const a = sorted[below] as number;
  const b = sorted[below + 1] as number;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
