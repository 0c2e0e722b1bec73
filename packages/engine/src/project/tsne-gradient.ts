import { DUPLICATE, QuadTree } from "./quadtree.ts";
import type { SparseMatrix } from "./tsne-affinities.ts";

/** np.finfo(np.float32).tiny: scikit-learn's floor inside the KL logarithm. */
const FLOAT32_TINY = 1.1754943508222875e-38;
/** Deep enough for the quadtree's depth limit (at most 3 pending siblings per level). */
const STACK_SIZE = 512;

/**
 * The t-SNE objective and its gradient for a 2-D layout, as scikit-learn's `_kl_divergence_bh`
 * computes them (Student-t with one degree of freedom):
 *   grad_i = 4 · (Σ_j p_ij q̃_ij (y_i − y_j) − Σ_j q̃_ij² (y_i − y_j) / Z),  q̃_ij = 1 / (1 + ‖y_i − y_j‖²),
 * the attraction exact over the sparse P, the repulsion and Z = Σ q̃ from the Barnes–Hut quadtree
 * (a cell is summarised by its barycentre when its squared width / squared distance < θ²; θ = 0
 * is exact). The error is KL(P‖Q) over the non-zeros of P with Q = q̃ / Z (Barnes–Hut Z).
 * Buffers are allocated once per layout size and reused every iteration.
 */
export class TsneGradient {
  private readonly tree = new QuadTree();
  private readonly negative: Float64Array;
  private readonly stack = new Int32Array(STACK_SIZE);

  constructor(private readonly n: number) {
    this.negative = new Float64Array(2 * n);
  }

  /**
   * Writes the gradient at `y` (n × 2) into `grad`; returns KL(pScale·P ‖ Q) when `withError`
   * (scikit-learn's error during early exaggeration uses the exaggerated P too), else 0.
   */
  evaluate(
    P: SparseMatrix,
    y: Float64Array,
    theta: number,
    pScale: number,
    grad: Float64Array,
    withError: boolean,
  ): number {
    const sumQ = this.repulsion(y, theta * theta);
    const { n, negative } = this;
    const { rowStart, cols, values } = P;
    let error = 0;
    for (let i = 0; i < n; i++) {
      const px = y[2 * i] as number;
      const py = y[2 * i + 1] as number;
      let fx = 0;
      let fy = 0;
      const end = rowStart[i + 1] as number;
      for (let at = rowStart[i] as number; at < end; at++) {
        const j = cols[at] as number;
        const pij = pScale * (values[at] as number);
        const dx = px - (y[2 * j] as number);
        const dy = py - (y[2 * j + 1] as number);
        const q = 1 / (1 + dx * dx + dy * dy);
        const pq = pij * q;
        fx += pq * dx;
        fy += pq * dy;
        if (withError) {
          error += pij * Math.log(Math.max(pij, FLOAT32_TINY) / Math.max(q / sumQ, FLOAT32_TINY));
        }
      }
      grad[2 * i] = 4 * (fx - (negative[2 * i] as number) / sumQ);
      grad[2 * i + 1] = 4 * (fy - (negative[2 * i + 1] as number) / sumQ);
    }
    return error;
  }

  /** Fills `negative` with Σ_j q̃_ij² (y_i − y_j) per point and returns Z = Σ_ij q̃_ij. */
  private repulsion(y: Float64Array, theta2: number): number {
    const { n, negative, stack, tree } = this;
    tree.build(y, n);
    const { baryX, baryY, size, isLeaf, squaredWidth, children } = tree;
    let sumQ = 0;
    for (let i = 0; i < n; i++) {
      const px = y[2 * i] as number;
      const py = y[2 * i + 1] as number;
      let fx = 0;
      let fy = 0;
      let top = 0;
      stack[top++] = 0;
      while (top > 0) {
        const cell = stack[--top] as number;
        const dx = px - (baryX[cell] as number);
        const dy = py - (baryY[cell] as number);
        const dist2 = dx * dx + dy * dy;
        if (isLeaf[cell] === 1) {
          // No self-interaction (nor with exact duplicates, as in scikit-learn).
          if (dx <= DUPLICATE && dx >= -DUPLICATE && dy <= DUPLICATE && dy >= -DUPLICATE) continue;
        } else if (!((squaredWidth[cell] as number) / dist2 < theta2)) {
          const first = 4 * cell;
          let child = children[first] as number;
          if (child >= 0) stack[top++] = child;
          child = children[first + 1] as number;
          if (child >= 0) stack[top++] = child;
          child = children[first + 2] as number;
          if (child >= 0) stack[top++] = child;
          child = children[first + 3] as number;
          if (child >= 0) stack[top++] = child;
          continue;
        }
        // A leaf, or a cell small enough from here to stand for all its points.
        const count = size[cell] as number;
        const q = 1 / (1 + dist2);
        sumQ += count * q;
        const mult = count * q * q;
        fx += mult * dx;
        fy += mult * dy;
      }
      negative[2 * i] = fx;
      negative[2 * i + 1] = fy;
    }
    return sumQ;
  }
}
