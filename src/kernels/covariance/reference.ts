/**
 * Float64 reference of the centred covariance and its gradient, for the CPU kernel and
 * the parity tests. Row-major arrays; z is [n, d].
 */

/** Column means of z [n, d]. */
export function columnMeansReference(z: ArrayLike<number>, n: number, d: number): Float64Array {
  if (z.length !== n * d) throw new Error(`covariance: expected ${n}x${d} = ${n * d} values, got ${z.length}.`);
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (z[r * d + j] as number);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  return mean;
}

/** C = (1/n) (z - mean)^T (z - mean), [d, d], exactly symmetric. */
export function covarianceReference(z: ArrayLike<number>, n: number, d: number): Float64Array {
  const mean = columnMeansReference(z, n, d);
  const zc = new Float64Array(n * d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) zc[r * d + j] = (z[r * d + j] as number) - (mean[j] as number);
  const c = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += (zc[r * d + i] as number) * (zc[r * d + j] as number);
      c[i * d + j] = s / n;
      c[j * d + i] = s / n;
    }
  }
  return c;
}

/** Gradient of sum(g * C) with respect to z: (1/n) (z - mean) (g + g^T), [n, d]. */
export function covarianceGradientReference(z: ArrayLike<number>, g: ArrayLike<number>, n: number, d: number): Float64Array {
  if (g.length !== d * d) throw new Error(`covariance gradient: expected ${d * d} upstream values, got ${g.length}.`);
  const mean = columnMeansReference(z, n, d);
  const out = new Float64Array(n * d);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += ((z[r * d + k] as number) - (mean[k] as number)) * ((g[k * d + j] as number) + (g[j * d + k] as number));
      out[r * d + j] = s / n;
    }
  }
  return out;
}
