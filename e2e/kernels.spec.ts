/**
 * Browser parity tests of the WGSL kernels (the webgpu.ts files under src/kernels) on the kernel
 * harness page (kernels.html, test/harness/kernels.ts): every WebGPU kernel against its
 * float64 CPU reference on random and ill-conditioned inputs, plus "no read-back" and
 * "no leak" checks of every parity kernel of the registry (src/kernels/registry.ts). Needs a
 * WebGPU adapter (here SwiftShader via --enable-unsafe-webgpu).
 *
 * Tolerances are in float32 terms, u = 2^-24 (unit roundoff), kappa = 2-norm condition
 * number of the input (the 'ill-spd' construction value; 40 bounds 'random-spd', whose
 * eigenvalues lie in about [0.1, 3.2]):
 *   Cholesky   backward  max|L L^T - A| / max|A|        <= 4 D u
 *              forward   max|L - L_ref| / max|L_ref|      <= kappa u
 *   LogDetSPD            |logdet - ref|                    <= u (2 kappa + 8 |ref| + 8 D)
 *   InverseSPD           max|X - X_ref| / max|X_ref|       <= u (kappa + 4 D), X exactly symmetric
 *   SymEigvals           max|lambda - ref| / max|ref|       <= 4 D u
 *   Covariance           max|C - C_ref| / max|C_ref|       <= 4 N u, C exactly symmetric
 *   PrincipalPlane       per axis k: max|x_k - ref| / max|ref| <= 4 (N + D) u lambda_1 / gap_k,
 *                        variances within 4 (N + D) u lambda_1, trace and |mean|^2 within
 *                        4 (N + D) u of themselves (gap_1 = lambda_1 - lambda_2, gap_2 the
 *                        smaller of that and lambda_2 - lambda_3: the float32 covariance's
 *                        error over the eigen-gap, Davis-Kahan; the fixed 64 iterations add
 *                        (lambda_5 / lambda_2)^64, negligible for the spectra tested)
 * kappa u is the first-order sensitivity of the inverse (and, empirically, of the log det)
 * to float32 rounding of a kappa-conditioned input; the measured errors sit 10-100x
 * below these bounds with compensated sums (about 2-4x at kappa ~ 1e7, the float32
 * limit), and within them with plain float32 sums. A truly singular input is not
 * tested: the pivot floor (2^-24 max a_ii, shared with the reference) lies below the
 * float32 noise of the Schur complement, so reference and kernel both overflow there.
 */
import { expect, test, type Page } from '@playwright/test';
import { PARITY_KERNELS, readBackTwin } from '../src/kernels/registry';
import type { KernelHarness } from '../test/harness/kernels';
import { maxAbs, maxRelDiff } from '../test/support/differences';
import { openKernelHarness } from '../test/support/kernelHarnessPage';
import { samplesWithSpectrum, spectrumOf } from '../test/support/samplesWithSpectrum';

const U = 2 ** -24;
const SIZES = [8, 32, 64, 128, 256];
/** The SPD families of the harness's test matrices. */
type SpdKind = 'random-spd' | 'ill-spd';
/** Input families of the SPD kernels: [kind, condition number used by the tolerance]. */
const SPD_CASES: Array<[SpdKind, number]> = [
  ['random-spd', 40],
  ['ill-spd', 1e4],
  ['ill-spd', 1e5],
];

type Harness = KernelHarness;

/** Largest |x_ij - x_ji| of a row-major [d, d] matrix. */
function asymmetry(x: number[], d: number): number {
  let worst = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) worst = Math.max(worst, Math.abs((x[i * d + j] as number) - (x[j * d + i] as number)));
  return worst;
}

/** Tolerance of |logdet - ref| for a kappa-conditioned [d, d] input. */
function logdetTolerance(kappa: number, ref: number, d: number): number {
  return U * (2 * kappa + 8 * Math.abs(ref) + 8 * d);
}

/** Asserts err <= tol with a readable label, and logs the pair for the report. */
function within(label: string, err: number, tol: number): void {
  console.log(`${label.padEnd(44)} err ${err.toExponential(2)}  tol ${tol.toExponential(2)}`);
  expect(err, `${label}: error ${err} exceeds ${tol}`).toBeLessThanOrEqual(tol);
  expect(Number.isFinite(err), `${label}: error is not finite`).toBe(true);
}

let page: Page;

/** A seeded SPD matrix of size d (seed 100 + d) and the output of `kernel` ('Cholesky': the WGSL factor) and its float64 reference on it. */
async function onSpdCase(kernel: string, d: number, kind: SpdKind, kappa: number): Promise<{ a: number[]; out: { values: number[]; shape: number[] }; ref: number[] }> {
  return page.evaluate(
    async ({ kernel, d, kind, kappa }) => {
      const k = window.__kernels as Harness;
      const a = k.matrix(kind, d, 100 + d, kappa);
      const out = kernel === 'Cholesky' ? { values: await k.cholesky(a, d), shape: [d, d] } : await k.run(kernel, a, [d, d]);
      return { a, out, ref: k.reference(kernel, a, [d, d]) };
    },
    { kernel, d, kind, kappa },
  );
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  page = await openKernelHarness(browser);
});

test.afterAll(async () => {
  await page.close();
});

test('the WGSL kernels are the registered webgpu kernels and never read back', async () => {
  const kernels = PARITY_KERNELS.map((k) => ({ name: k.name, twin: readBackTwin(k.name), samples: k.parity.family === 'samples' }));
  const result = await page.evaluate(async (kernels) => {
    const k = window.__kernels as Harness;
    const a = k.matrix('random-spd', 16, 1);
    const z = k.gaussian(32, 16, 2);
    const rows: Array<{ name: string; wgsl: boolean; reads: number; twinReads: number; leak: { tensors: number; bytes: number } }> = [];
    for (const { name, twin, samples } of kernels) {
      const [values, shape] = samples ? [z, [32, 16]] : [a, [16, 16]];
      rows.push({
        name,
        wgsl: k.isWgsl(name),
        reads: await k.readbacksDuring(name, values, shape),
        twinReads: await k.readbacksDuring(twin, values, shape),
        leak: await k.leakDuring(name, values, shape),
      });
    }
    return { rows, listed: k.kernels, info: await k.info() };
  }, kernels);
  console.log(`adapter: ${JSON.stringify(result.info)}`);
  expect(result.info.backend).toBe('webgpu');
  expect(result.listed, 'the page lists every parity kernel of the registry').toEqual(kernels.map((k) => k.name));
  expect(result.rows.length).toBeGreaterThan(0);
  for (const r of result.rows) {
    expect(r.wgsl, `${r.name} is not the WGSL kernelFunc`).toBe(true);
    expect(r.reads, `${r.name} read the GPU back`).toBe(0);
    // Negative control: the read-back twin must be caught by the same counter.
    expect(r.twinReads, `${readBackTwin(r.name)} was not counted`).toBeGreaterThan(0);
    expect(r.leak, `${r.name} leaked`).toEqual({ tensors: 0, bytes: 0 });
  }
});

test('Cholesky factor: backward and forward error vs float64', async () => {
  for (const d of SIZES) {
    for (const [kind, kappa] of SPD_CASES) {
      const { a, out, ref } = await onSpdCase('Cholesky', d, kind, kappa);
      const L = out.values;
      let backward = 0;
      let upper = 0;
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
          if (j > i) upper = Math.max(upper, Math.abs(L[i * d + j] as number));
          if (j > i) continue;
          let s = 0;
          for (let q = 0; q <= j; q++) s += (L[i * d + q] as number) * (L[j * d + q] as number);
          backward = Math.max(backward, Math.abs(s - (a[i * d + j] as number)));
        }
      }
      expect(upper, 'the strict upper triangle of L must be zero').toBe(0);
      within(`Cholesky backward D=${d} ${kind} k=${kappa}`, backward / maxAbs(a), 4 * d * U);
      within(`Cholesky forward  D=${d} ${kind} k=${kappa}`, maxRelDiff(L, ref), kappa * U);
    }
  }
});

test('LogDetSPD vs float64', async () => {
  for (const d of SIZES) {
    for (const [kind, kappa] of SPD_CASES) {
      const r = await onSpdCase('LogDetSPD', d, kind, kappa);
      expect(r.out.shape).toEqual([]);
      const value = r.out.values[0] as number;
      const ref = r.ref[0] as number;
      within(`LogDetSPD D=${d} ${kind} k=${kappa} (ref ${ref.toFixed(2)})`, Math.abs(value - ref), logdetTolerance(kappa, ref, d));
    }
  }
});

test('LogDetSPD, InverseSPD and SymEigvals on a rank-deficient covariance + 1e-6 I (CorInfoMax with N < D)', async () => {
  // Condition number about 1e7: kappa u is about 0.5, the float32 limit; the pivot floor is not reached.
  for (const d of [32, 64, 128]) {
    const r = await page.evaluate(async (d) => {
      const k = window.__kernels as Harness;
      const a = k.matrix('low-rank-ridge', d, 7);
      const eig = k.reference('SymEigvals', a, [d, d]);
      return {
        kappa: (eig[0] as number) / (eig[d - 1] as number),
        eig,
        logdet: (await k.run('LogDetSPD', a, [d, d])).values[0] as number,
        logdetRef: k.reference('LogDetSPD', a, [d, d])[0] as number,
        inverse: (await k.run('InverseSPD', a, [d, d])).values,
        inverseRef: k.reference('InverseSPD', a, [d, d]),
        eigGpu: (await k.run('SymEigvals', a, [d, d])).values,
      };
    }, d);
    expect(r.kappa).toBeGreaterThan(1e6);
    within(`LogDetSPD D=${d} low-rank+1e-6I k=${r.kappa.toExponential(1)}`, Math.abs(r.logdet - r.logdetRef), logdetTolerance(r.kappa, r.logdetRef, d));
    within(`InverseSPD D=${d} low-rank+1e-6I`, maxRelDiff(r.inverse, r.inverseRef), U * (r.kappa + 4 * d));
    within(`SymEigvals D=${d} low-rank+1e-6I`, maxRelDiff(r.eigGpu, r.eig), 4 * d * U);
  }
});

test('InverseSPD vs float64, exactly symmetric', async () => {
  for (const d of SIZES) {
    for (const [kind, kappa] of SPD_CASES) {
      const { out, ref } = await onSpdCase('InverseSPD', d, kind, kappa);
      expect(asymmetry(out.values, d)).toBe(0);
      within(`InverseSPD D=${d} ${kind} k=${kappa}`, maxRelDiff(out.values, ref), U * (kappa + 4 * d));
    }
  }
});

test('SymEigvals (tridiagonal + bisection) vs float64, descending', async () => {
  const kinds = ['random-spd', 'ill-spd', 'symmetric', 'low-rank-psd'] as const;
  for (const d of SIZES) {
    for (const kind of kinds) {
      const { out, ref } = await page.evaluate(
        async ({ d, kind }) => {
          const k = window.__kernels as Harness;
          const a = k.matrix(kind, d, 200 + d, 1e5);
          return { out: await k.run('SymEigvals', a, [d, d]), ref: k.reference('SymEigvals', a, [d, d]) };
        },
        { d, kind },
      );
      expect(out.shape).toEqual([d]);
      for (let i = 1; i < d; i++) expect(out.values[i] as number).toBeLessThanOrEqual(out.values[i - 1] as number);
      within(`SymEigvals D=${d} ${kind}`, maxRelDiff(out.values, ref), 4 * d * U);
    }
  }
});

test('SymEigvalsJacobi (parallel Jacobi alternative) vs float64', async () => {
  for (const d of [8, 33, 64, 128]) {
    const kind: 'symmetric' | 'low-rank-psd' | 'ill-spd' = d === 33 ? 'symmetric' : d === 128 ? 'low-rank-psd' : 'ill-spd';
    const { out, ref } = await page.evaluate(
      async ({ d, kind }) => {
        const k = window.__kernels as Harness;
        const a = k.matrix(kind, d, 300 + d, 1e5);
        return { out: (await k.run('SymEigvalsJacobi', a, [d, d])).values, ref: k.reference('SymEigvalsJacobi', a, [d, d]) };
      },
      { d, kind },
    );
    within(`SymEigvalsJacobi D=${d} ${kind}`, maxRelDiff(out, ref), 4 * d * U);
  }
});

test('CovarianceCentered vs float64, exactly symmetric, and its gradient', async () => {
  for (const d of SIZES) {
    for (const offset of [0, 3]) {
      const n = 2 * d;
      const { out, ref } = await page.evaluate(
        async ({ d, n, offset }) => {
          const k = window.__kernels as Harness;
          const z = k.gaussian(n, d, d + offset, 1, offset);
          return { out: (await k.run('CovarianceCentered', z, [n, d])).values, ref: k.reference('CovarianceCentered', z, [n, d]) };
        },
        { d, n, offset },
      );
      expect(asymmetry(out, d)).toBe(0);
      within(`CovarianceCentered N=${n} D=${d} mean ${offset}`, maxRelDiff(out, ref), 4 * n * U);
    }
  }
  for (const [n, d] of [[8, 5], [96, 64]] as const) {
    const grad = await page.evaluate(
      async ({ n, d }) => {
        const k = window.__kernels as Harness;
        return k.covarianceGradient(k.gaussian(n, d, 11, 2, 1), n, d, k.gaussian(d, d, 12));
      },
      { n, d },
    );
    within(`CovarianceCentered gradient N=${n} D=${d}`, maxRelDiff(grad.values, grad.reference), 8 * n * U);
  }
});

test('PrincipalPlane (subspace iteration in WGSL) vs float64: both axes, variances, trace, |mean|^2', async () => {
  // [name, N, spectrum, offset]: separated, a large mean, a close top pair, a line (rank one
  // plus anisotropic noise), D > WG (two block rows per thread), D = 512 (the limit), D < 4.
  const cases: Array<[string, number, number[], number]> = [
    ['separated', 256, spectrumOf(32, [9, 4], 1), 0],
    ['offset 20', 256, spectrumOf(64, [4, 2], 0.5), 20],
    ['close pair', 128, spectrumOf(16, [1, 0.9], 0.2), 1],
    ['line', 256, spectrumOf(32, [1], 1e-4, 0.5), 3],
    ['D 300', 200, spectrumOf(300, [9, 4], 1, 0.95), 0],
    ['D 512', 256, spectrumOf(512, [9, 4], 1, 0.95), 0],
    ['D 3', 64, [4, 1, 0.25], 2],
  ];
  for (const [name, n, values, offset] of cases) {
    const d = values.length;
    const z = Array.from(Float32Array.from(samplesWithSpectrum(n, values, 40 + d, offset)));
    const r = await page.evaluate(
      async ({ z, n, d }) => {
        const k = window.__kernels as Harness;
        const covariance = k.reference('CovarianceCentered', z, [n, d]);
        return { out: await k.run('PrincipalPlane', z, [n, d]), ref: k.reference('PrincipalPlane', z, [n, d]), eig: k.reference('SymEigvals', covariance, [d, d]) };
      },
      { z, n, d },
    );
    expect(r.out.shape).toEqual([2 * n + 4]);
    const [l1, l2, l3 = 0] = r.eig as [number, number, number?];
    const scale = 4 * (n + d) * U;
    const axes: Array<[string, number, number]> = [
      ['PC1', 0, l1 - l2],
      ['PC2', n, Math.min(l1 - l2, l2 - l3)],
    ];
    for (const [axis, from, gap] of axes) {
      const tol = (scale * l1) / gap;
      // A line's second axis is its noise: its gap is within the float32 error, nothing to check.
      if (tol > 0.1) {
        console.log(`PrincipalPlane ${name} ${axis}: gap ${gap.toExponential(2)} below float32 resolution, not compared`);
        continue;
      }
      within(`PrincipalPlane ${name} N=${n} D=${d} ${axis}`, maxRelDiff(r.out.values.slice(from, from + n), r.ref.slice(from, from + n)), tol);
    }
    const tail = (v: number[], i: number) => v[2 * n + i] as number;
    within(`PrincipalPlane ${name} variance 1`, Math.abs(tail(r.out.values, 0) - tail(r.ref, 0)), scale * l1);
    within(`PrincipalPlane ${name} variance 2`, Math.abs(tail(r.out.values, 1) - tail(r.ref, 1)), scale * l1);
    within(`PrincipalPlane ${name} trace`, Math.abs(tail(r.out.values, 2) - tail(r.ref, 2)), scale * tail(r.ref, 2));
    within(`PrincipalPlane ${name} |mean|^2`, Math.abs(tail(r.out.values, 3) - tail(r.ref, 3)), scale * tail(r.ref, 3) + 1e-30);
  }
});

test('tf.grad of logdetSPD on webgpu is the WGSL inverse', async () => {
  const d = 32;
  const kappa = 1e3;
  const { grad, wgsl } = await page.evaluate(
    async ({ d, kappa }) => {
      const k = window.__kernels as Harness;
      const grad = await k.logdetGradient(k.matrix('ill-spd', d, 5, kappa), d);
      // The logdet ops re-run their (non-overwriting) registration on every call.
      return { grad, wgsl: k.isWgsl('LogDetSPD') && k.isWgsl('InverseSPD') };
    },
    { d, kappa },
  );
  expect(wgsl).toBe(true);
  within(`d logdet/dA D=${d} k=${kappa}`, maxRelDiff(grad.values, grad.reference), U * (kappa + 4 * d));
});

/**
 * Our WGSL convolution (src/kernels/conv2d) through tf.conv2d and tf.valueAndGrads, so the
 * engine dispatches to the installed Conv2D / Conv2DBackpropInput / Conv2DBackpropFilter
 * kernels, against tfjs's CPU backend on the same seeded Gaussian inputs. An element
 * that sums K products with absolute sum S is exact to within K u S in any float32
 * summation order (first order), so ours and tfjs-cpu differ by at most 2 K u S per
 * element: we assert max |ours - cpu| / (2 K u S) <= 1 (K: y KH KW CI, dx KH KW CO,
 * dw N OH OW). A spatially flipped filter must violate that bound (the check can fail).
 */
test.describe('conv2d', () => {
  type ConvCase = Parameters<Harness['conv2d']['parity']>[0];
  const CASES: ConvCase[] = [
    { x: [2, 28, 28, 1], w: [3, 3, 1, 8], strides: 1, pad: 'same', seed: 1 },
    { x: [8, 28, 28, 1], w: [3, 3, 1, 16], strides: 2, pad: 'same', seed: 2 },
    { x: [4, 32, 32, 3], w: [3, 3, 3, 16], strides: 2, pad: 'same', seed: 3 },
    { x: [32, 16, 16, 8], w: [3, 3, 8, 8], strides: 1, pad: 'same', seed: 4 },
    { x: [16, 16, 16, 16], w: [3, 3, 16, 16], strides: 1, pad: 'same', seed: 5 },
    { x: [3, 16, 16, 8], w: [3, 3, 8, 16], strides: 2, pad: 'valid', seed: 6 },
    // Odd sizes (asymmetric 'same' padding) and CO = 6 (the scalar, non-vec4 path).
    { x: [2, 15, 13, 3], w: [3, 3, 3, 6], strides: 2, pad: 'same', seed: 7 },
  ];

  for (const c of CASES) {
    test(`x [${c.x.join(',')}] w [${c.w.join(',')}] stride ${c.strides} ${c.pad}: forward, dx, dw vs tfjs cpu`, async () => {
      const r = await page.evaluate((c) => (window.__kernels as Harness).conv2d.parity(c), c);
      expect(r.ourDispatches, 'our forward, dx and dw programs ran').toBe(3);
      expect(r.leakedTensors).toBe(0);
      for (const o of r.outputs) {
        const label = `conv2d ${o.name} x[${c.x.join(',')}] w[${c.w.join(',')}] s${c.strides}`;
        console.log(`${label.padEnd(44)} rel ${(o.maxAbsDiffCpu / o.maxAbsRef).toExponential(2)} (cpu vs exact ratio ${o.cpuBoundRatio.toExponential(2)})`);
        expect(o.maxAbsRef, `${label}: non-trivial output`).toBeGreaterThan(0);
        within(`${label} /2KuS`, o.boundRatio, 1);
      }
      expect(r.controlRatio, 'a flipped filter breaks the bound').toBeGreaterThan(1);
    });
  }

  test('unsupported attrs (dilation 2) delegate to tfjs', async () => {
    const r = await page.evaluate(() => (window.__kernels as Harness).conv2d.delegation());
    expect(r.ourDispatches).toBe(0);
    expect(r.maxAbsDiff).toBe(0);
  });

  test('tuneConvolution picks a correct implementation', async () => {
    const t = await page.evaluate(() => (window.__kernels as Harness).tuneConvolution());
    console.log(`tuneConvolution: ${t.reason}`);
    expect(Number.isFinite(t.oursMs) && Number.isFinite(t.tfjsMs)).toBe(true);
    expect(t.maxRelError).toBeLessThanOrEqual(1e-4);
    expect(t.ours).toBe(t.oursMs < t.tfjsMs);
  });
});
