/**
 * Dot products of one row against a run of rows of a row-major matrix, four rows at a
 * time so each entry of the row is loaded once per four products. The inner loop that
 * uniformity (every pair of one matrix's rows) and kNN (each query against the bank)
 * share; both call it on L2-normalised float64 rows (see `l2NormalizeRows`).
 */

/**
 * For r in [from, to), writes `out[r - from]` = dot(`x[xStart .. xStart + d)`, row r of
 * `rows`), where `rows` is row-major with width `d`. `out` needs `to - from` entries.
 */
export function dotsWithRows(x: Float64Array, xStart: number, rows: Float64Array, from: number, to: number, d: number, out: Float64Array): void {
  let r = from;
  for (; r + 4 <= to; r += 4) {
    const r0 = r * d;
    const r1 = r0 + d;
    const r2 = r1 + d;
    const r3 = r2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const xk = x[xStart + k]!;
      s0 += xk * rows[r0 + k]!;
      s1 += xk * rows[r1 + k]!;
      s2 += xk * rows[r2 + k]!;
      s3 += xk * rows[r3 + k]!;
    }
    const o = r - from;
    out[o] = s0;
    out[o + 1] = s1;
    out[o + 2] = s2;
    out[o + 3] = s3;
  }
  for (; r < to; r++) {
    const rr = r * d;
    let s = 0;
    for (let k = 0; k < d; k++) s += x[xStart + k]! * rows[rr + k]!;
    out[r - from] = s;
  }
}
