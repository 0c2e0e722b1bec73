/**
 * The Barnes–Hut quadtree of scikit-learn's t-SNE (`sklearn.neighbors._quad_tree`), in flat
 * typed arrays: the root spans the points' bounding box (its upper edges nudged outward), each
 * cell splits at its centre into four children, a leaf holds one position (duplicates within
 * 1e-6 share a leaf and count), and every cell keeps the barycentre and count of its points.
 */
export class QuadTree {
  /** Cells in use; cell 0 is the root. */
  count = 0;
  minX = new Float64Array(0);
  minY = new Float64Array(0);
  maxX = new Float64Array(0);
  maxY = new Float64Array(0);
  centerX = new Float64Array(0);
  centerY = new Float64Array(0);
  /** Squared largest side of the cell. */
  squaredWidth = new Float64Array(0);
  baryX = new Float64Array(0);
  baryY = new Float64Array(0);
  /** Points in the cell's subtree (duplicates included). */
  size = new Int32Array(0);
  isLeaf = new Uint8Array(0);
  /** Four per cell, −1 when absent; child index = 2·(x ≥ centreX) + (y ≥ centreY). */
  children = new Int32Array(0);

  /** Rebuilds the tree over n points stored as (x, y) pairs in `y`. */
  build(y: Float64Array, n: number): void {
    this.ensure(Math.max(16, 2 * n));
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
    this.count = 1;
    this.initCell(0, minX, minY, nudgeUp(maxX), nudgeUp(maxY), 0, 0, 0);
    for (let i = 0; i < n; i++) this.insert(y[2 * i] as number, y[2 * i + 1] as number);
  }

  private insert(px: number, py: number): void {
    let cell = 0;
    for (let depth = 0; ; ) {
      const size = this.size[cell] as number;
      if (size === 0) {
        this.size[cell] = 1;
        this.baryX[cell] = px;
        this.baryY[cell] = py;
        return;
      }
      if (this.isLeaf[cell] === 0) {
        this.baryX[cell] = (size * (this.baryX[cell] as number) + px) / (size + 1);
        this.baryY[cell] = (size * (this.baryY[cell] as number) + py) / (size + 1);
        this.size[cell] = size + 1;
        const slot = 4 * cell + quadrant(px, py, this.centerX[cell] as number, this.centerY[cell] as number);
        const child = this.children[slot] as number;
        if (child < 0) {
          this.addChild(cell, px, py, 1);
          return;
        }
        cell = child;
        depth++;
        continue;
      }
      const heldX = this.baryX[cell] as number;
      const heldY = this.baryY[cell] as number;
      // A duplicate (or, as a guard against float limits, a very deep leaf) adds to the count.
      if ((Math.abs(px - heldX) <= DUPLICATE && Math.abs(py - heldY) <= DUPLICATE) || depth >= MAX_DEPTH) {
        this.size[cell] = size + 1;
        return;
      }
      // Split: the leaf's point(s) move to a new child and the cell becomes internal.
      this.addChild(cell, heldX, heldY, size);
    }
  }

  private addChild(parent: number, px: number, py: number, size: number): void {
    if (this.count === this.size.length) this.ensure(2 * this.count);
    const cell = this.count++;
    const cx = this.centerX[parent] as number;
    const cy = this.centerY[parent] as number;
    const highX = px >= cx;
    const highY = py >= cy;
    this.initCell(
      cell,
      highX ? cx : (this.minX[parent] as number),
      highY ? cy : (this.minY[parent] as number),
      highX ? (this.maxX[parent] as number) : cx,
      highY ? (this.maxY[parent] as number) : cy,
      px,
      py,
      size,
    );
    this.isLeaf[parent] = 0;
    this.children[4 * parent + quadrant(px, py, cx, cy)] = cell;
  }

  private initCell(
    cell: number,
    minX: number,
    minY: number,
    maxX: number,
    maxY: number,
    px: number,
    py: number,
    size: number,
  ): void {
    this.minX[cell] = minX;
    this.minY[cell] = minY;
    this.maxX[cell] = maxX;
    this.maxY[cell] = maxY;
    this.centerX[cell] = (minX + maxX) / 2;
    this.centerY[cell] = (minY + maxY) / 2;
    this.squaredWidth[cell] = Math.max((maxX - minX) ** 2, (maxY - minY) ** 2);
    this.baryX[cell] = px;
    this.baryY[cell] = py;
    this.size[cell] = size;
    this.isLeaf[cell] = 1;
    this.children.fill(-1, 4 * cell, 4 * cell + 4);
  }

  /** Grows every array to hold at least `capacity` cells, keeping the cells in use. */
  private ensure(capacity: number): void {
    if (this.size.length >= capacity) return;
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(old: T, next: T): T => {
      next.set(old.subarray(0, Math.min(old.length, next.length)));
      return next;
    };
    this.minX = grow(this.minX, new Float64Array(capacity));
    this.minY = grow(this.minY, new Float64Array(capacity));
    this.maxX = grow(this.maxX, new Float64Array(capacity));
    this.maxY = grow(this.maxY, new Float64Array(capacity));
    this.centerX = grow(this.centerX, new Float64Array(capacity));
    this.centerY = grow(this.centerY, new Float64Array(capacity));
    this.squaredWidth = grow(this.squaredWidth, new Float64Array(capacity));
    this.baryX = grow(this.baryX, new Float64Array(capacity));
    this.baryY = grow(this.baryY, new Float64Array(capacity));
    this.size = grow(this.size, new Int32Array(capacity));
    this.isLeaf = grow(this.isLeaf, new Uint8Array(capacity));
    this.children = grow(this.children, new Int32Array(4 * capacity));
  }
}

/** Positions closer than this in every coordinate are duplicates (scikit-learn's EPSILON). */
export const DUPLICATE = 1e-6;
/** Deeper than any float64 split of points more than 1e-6 apart needs. */
const MAX_DEPTH = 128;

function quadrant(px: number, py: number, cx: number, cy: number): number {
  return (px >= cx ? 2 : 0) + (py >= cy ? 1 : 0);
}

/** scikit-learn's root bound: max(M·(1 + 1e-3·sign(M)), M + 1e-3), so every point is strictly inside. */
function nudgeUp(max: number): number {
  return Math.max(max * (1 + 1e-3 * Math.sign(max)), max + 1e-3);
}
