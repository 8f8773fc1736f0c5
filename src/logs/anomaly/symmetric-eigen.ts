/** Eigenvalues (descending) and the matching unit eigenvectors (`vectors[i]` belongs to `values[i]`). */
export interface Eigen {
  readonly values: number[];
  readonly vectors: number[][];
}

const MAX_SWEEPS = 100;

/**
 * Eigen-decomposition of a real symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan, "Matrix
 * Computations", §8.5). O(n³) per sweep and usually under 10 sweeps: fine for the template-count matrices here
 * (tens to a few hundred columns). The input is not modified.
 *
 * @example
 * symmetricEigen([[2, 1], [1, 2]]).values; // [3, 1]
 */
export function symmetricEigen(matrix: readonly (readonly number[])[]): Eigen {
  const n = matrix.length;
  const a = matrix.map((row) => [...row]);
  const v = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let scale = 0;
  for (const row of a) for (const x of row) scale += x * x;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p]![q] as number) ** 2;
    if (off <= 1e-24 * scale || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) rotate(a, v, p, q);
    }
  }
  const order = [...Array(n).keys()].sort((i, j) => a[j]![j]! - a[i]![i]!);
  return {
    values: order.map((i) => a[i]![i]!),
    vectors: order.map((i) => v.map((row) => row[i]!)),
  };
}

/** One Jacobi rotation zeroing a[p][q], applied to a (both sides) and accumulated into v. */
function rotate(a: number[][], v: number[][], p: number, q: number): void {
  const apq = a[p]![q]!;
  if (apq === 0) return;
  const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
  const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (const row of a) {
    const kp = row[p]!;
    const kq = row[q]!;
    row[p] = c * kp - s * kq;
    row[q] = s * kp + c * kq;
  }
  const rowP = a[p]!;
  const rowQ = a[q]!;
  for (let k = 0; k < rowP.length; k++) {
    const pk = rowP[k]!;
    const qk = rowQ[k]!;
    rowP[k] = c * pk - s * qk;
    rowQ[k] = s * pk + c * qk;
  }
  for (const row of v) {
    const kp = row[p]!;
    const kq = row[q]!;
    row[p] = c * kp - s * kq;
    row[q] = s * kp + c * kq;
  }
}
