/**
 * A Barnes–Hut quadtree over 2-D points in flat typed arrays (no per-node objects): each node
 * keeps its square cell, the count and summed coordinates of its points, and its children.
 */
export class QuadTree {
  cx = new Float64Array(0);
  cy = new Float64Array(0);
  half = new Float64Array(0);
  sumX = new Float64Array(0);
  sumY = new Float64Array(0);
  count = new Int32Array(0);
  /** Index of the first of four children, or −1 for a leaf. */
  child = new Int32Array(0);
  /** For a leaf: the (first) point it holds, or −1 when empty. */
  point = new Int32Array(0);
  size = 0;

  build(y: Float64Array, n: number): void {
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const px = y[2 * i] as number;
      const py = y[2 * i + 1] as number;
      if (px < minX) minX = px;
      if (px > maxX) maxX = px;
      if (py < minY) minY = py;
      if (py > maxY) maxY = py;
    }
    this.size = 0;
    this.ensure(4 * n + 4);
    const half = Math.max(maxX - minX, maxY - minY) / 2 + 1e-5;
    this.add((minX + maxX) / 2, (minY + maxY) / 2, half);
    for (let i = 0; i < n; i++) this.insert(y, i);
  }

  private ensure(capacity: number): void {
    if (this.cx.length >= capacity) return;
    const grow = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.cx = grow(this.cx, (n) => new Float64Array(n));
    this.cy = grow(this.cy, (n) => new Float64Array(n));
    this.half = grow(this.half, (n) => new Float64Array(n));
    this.sumX = grow(this.sumX, (n) => new Float64Array(n));
    this.sumY = grow(this.sumY, (n) => new Float64Array(n));
    this.count = grow(this.count, (n) => new Int32Array(n));
    this.child = grow(this.child, (n) => new Int32Array(n));
    this.point = grow(this.point, (n) => new Int32Array(n));
  }

  private add(cx: number, cy: number, half: number): number {
    if (this.size + 1 > this.cx.length) this.ensure(this.cx.length * 2);
    const node = this.size++;
    this.cx[node] = cx;
    this.cy[node] = cy;
    this.half[node] = half;
    this.sumX[node] = 0;
    this.sumY[node] = 0;
    this.count[node] = 0;
    this.child[node] = -1;
    this.point[node] = -1;
    return node;
  }

  private insert(y: Float64Array, i: number): void {
    const px = y[2 * i] as number;
    const py = y[2 * i + 1] as number;
    let node = 0;
    for (let depth = 0; ; depth++) {
      this.count[node] = (this.count[node] as number) + 1;
      this.sumX[node] = (this.sumX[node] as number) + px;
      this.sumY[node] = (this.sumY[node] as number) + py;
      if ((this.child[node] as number) >= 0) {
        node = this.quadrant(node, px, py);
        continue;
      }
      const held = this.point[node] as number;
      if (held < 0) {
        this.point[node] = i;
        return;
      }
      // Identical positions (or a very deep tree) share one leaf.
      if ((y[2 * held] === px && y[2 * held + 1] === py) || depth > 50) return;
      this.split(node);
      const moved = this.quadrant(node, y[2 * held] as number, y[2 * held + 1] as number);
      const heldCount = (this.count[node] as number) - 1;
      this.count[moved] = heldCount;
      this.sumX[moved] = (y[2 * held] as number) * heldCount;
      this.sumY[moved] = (y[2 * held + 1] as number) * heldCount;
      this.point[moved] = held;
      this.point[node] = -1;
      node = this.quadrant(node, px, py);
    }
  }

  private split(node: number): void {
    const half = (this.half[node] as number) / 2;
    const cx = this.cx[node] as number;
    const cy = this.cy[node] as number;
    const first = this.add(cx - half, cy - half, half);
    this.add(cx + half, cy - half, half);
    this.add(cx - half, cy + half, half);
    this.add(cx + half, cy + half, half);
    this.child[node] = first;
  }

  private quadrant(node: number, px: number, py: number): number {
    const first = this.child[node] as number;
    return first + (px >= (this.cx[node] as number) ? 1 : 0) + (py >= (this.cy[node] as number) ? 2 : 0);
  }
}
