/**
 * Eigen-decomposition of a symmetric d × d matrix by cyclic Jacobi rotations: accurate to
 * machine precision (every eigenvalue to a few ulps of the largest), O(d³) per sweep and a
 * handful of sweeps — ample for covariance matrices of embeddings (d up to a few hundred).
 */
export interface SymmetricEigen {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** d × d, row k = unit eigenvector of values[k]. */
  vectors: Float64Array;
}

const MAX_SWEEPS = 100;

export function symmetricEigen(matrix: Float64Array, d: number): SymmetricEigen {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  let norm2 = 0;
  for (let i = 0; i < d * d; i++) norm2 += (a[i] as number) ** 2;
  // An off-diagonal entry this small moves no eigenvalue by more than a rounding error of the
  // largest one; relative to its own diagonal it is below machine precision.
  const floor = 1e-3 * Number.EPSILON * Math.sqrt(norm2);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < d - 1; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = Math.abs(a[p * d + q] as number);
        const scale = Math.sqrt(Math.abs((a[p * d + p] as number) * (a[q * d + q] as number)));
        if (apq <= floor || apq <= Number.EPSILON * scale) continue;
        rotate(a, v, d, p, q);
        rotated = true;
      }
    }
    if (!rotated) break;
  }
  const order = Array.from({ length: d }, (_, i) => i).sort(
    (i, j) => (a[j * d + j] as number) - (a[i * d + i] as number),
  );
  const values = new Float64Array(d);
  const vectors = new Float64Array(d * d);
  order.forEach((col, k) => {
    values[k] = a[col * d + col] as number;
    for (let r = 0; r < d; r++) vectors[k * d + r] = v[r * d + col] as number;
  });
  return { values, vectors };
}

/** One Jacobi rotation zeroing a[p][q] (numerically stable form with tau = s / (1 + c)). */
function rotate(a: Float64Array, v: Float64Array, d: number, p: number, q: number): void {
  const apq = a[p * d + q] as number;
  if (apq === 0) return;
  const app = a[p * d + p] as number;
  const aqq = a[q * d + q] as number;
  const theta = (aqq - app) / (2 * apq);
  // t = tan of the rotation angle, the smaller root of t² + 2θt − 1 = 0.
  const t =
    Math.abs(theta) > 1e150
      ? 1 / (2 * theta)
      : (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  const tau = s / (1 + c);
  a[p * d + p] = app - t * apq;
  a[q * d + q] = aqq + t * apq;
  a[p * d + q] = 0;
  a[q * d + p] = 0;
  for (let r = 0; r < d; r++) {
    if (r !== p && r !== q) {
      const arp = a[r * d + p] as number;
      const arq = a[r * d + q] as number;
      const nextP = arp - s * (arq + tau * arp);
      const nextQ = arq + s * (arp - tau * arq);
      a[r * d + p] = nextP;
      a[p * d + r] = nextP;
      a[r * d + q] = nextQ;
      a[q * d + r] = nextQ;
    }
    const vrp = v[r * d + p] as number;
    const vrq = v[r * d + q] as number;
    v[r * d + p] = vrp - s * (vrq + tau * vrp);
    v[r * d + q] = vrq + s * (vrp - tau * vrq);
  }
}
