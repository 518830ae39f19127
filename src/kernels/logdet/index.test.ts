import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { INVERSE_SPD, LOGDET_SPD, READBACK_BACKENDS, inverseSPD, logdetSPD, registerLogdetKernels } from './index';
import { inverseSPDReference, logdetReference } from './reference';
import { maxRelDiff } from '../../../test/support/differences';
import { fromKnownFactor, knownInverse, maxIdentityError, withCondition, type SPDCase } from '../../../test/support/spdMatrices';
import { useBackend } from '../../../test/support/useBackend';

/** Same cases on every backend that loads in Node. */
const BACKENDS = ['cpu', 'wasm'] as const;
const SIZES = [4, 32, 128];

type TestCase = SPDCase & { q?: Float64Array; lambda?: Float64Array };

function cases(): TestCase[] {
  const out: TestCase[] = [];
  for (const n of SIZES) {
    out.push(fromKnownFactor(n, 100 + n));
    out.push(withCondition(n, 1e3, 200 + n));
    out.push(withCondition(n, 1e6, 300 + n));
  }
  return out;
}

for (const backend of BACKENDS) {
  describe(`logdetSPD / inverseSPD on ${backend}`, () => {
    useBackend(backend);

    for (const c of cases()) {
      it(`log det and inverse of ${c.name}`, () => {
        const n = c.n;
        const a = tf.tensor2d(Float32Array.from(c.a), [n, n]);
        // What the kernel actually sees: the float32-rounded matrix.
        const a32 = Float64Array.from(a.dataSync());
        const ld = logdetSPD(a);
        const inv = inverseSPD(a);
        expect(ld.shape).toEqual([]);
        expect(inv.shape).toEqual([n, n]);
        const ldValue = ld.dataSync()[0] as number;
        const invValues = inv.dataSync();
        // Against the float64 reference on the same input: only the output rounding differs.
        expect(Math.abs(ldValue - logdetReference(a32, n))).toBeLessThan(1e-6 * Math.max(1, Math.abs(ldValue)));
        expect(maxRelDiff(invValues, inverseSPDReference(a32, n))).toBeLessThan(1e-6);
        // Against the independently known log det: input rounding (2^-24 relative) moves it by
        // about tr(A^-1 dA), which grows with the condition number.
        const inputTol = (Number.isNaN(c.cond) ? 1e-5 : 1e-8 * c.cond) * Math.sqrt(n);
        expect(Math.abs(ldValue - c.logdet)).toBeLessThan(inputTol);
        // A A^-1 = I up to the conditioning of a float32 result.
        const idTol = Number.isNaN(c.cond) ? 1e-5 : 1e-7 * c.cond;
        expect(maxIdentityError(a32, invValues, n)).toBeLessThan(idTol);
        if (c.q && c.lambda && c.cond <= 1e3) {
          expect(maxRelDiff(invValues, knownInverse({ n, q: c.q, lambda: c.lambda }))).toBeLessThan(1e-3);
        }
        tf.dispose([a, ld, inv]);
      });
    }

    it('gradient of logdetSPD is the inverse (tf.grad through the registered gradient)', () => {
      for (const n of SIZES) {
        const c = withCondition(n, 100, 400 + n);
        const a = tf.tensor2d(Float32Array.from(c.a), [n, n]);
        const g = tf.grad((x: tf.Tensor) => logdetSPD(x as tf.Tensor2D))(a);
        const exact = knownInverse(c);
        expect(g.shape).toEqual([n, n]);
        expect(maxRelDiff(g.dataSync(), exact)).toBeLessThan(1e-4);
        // Upstream scaling: d(3 logdet)/dA = 3 A^-1.
        const g3 = tf.grad((x: tf.Tensor) => tf.mul(3, logdetSPD(x as tf.Tensor2D)))(a);
        expect(maxRelDiff(g3.dataSync(), exact.map((v) => 3 * v))).toBeLessThan(1e-4);
        tf.dispose([a, g, g3]);
      }
    });

    it('matches finite differences on a small matrix (symmetric perturbations)', () => {
      const n = 4;
      const c = fromKnownFactor(n, 7);
      const a = tf.tensor2d(Float32Array.from(c.a), [n, n]);
      const g = tf.grad((x: tf.Tensor) => logdetSPD(x as tf.Tensor2D))(a).arraySync() as number[][];
      const h = 1e-2;
      const f = (m: Float64Array): number => {
        const t = tf.tensor2d(Float32Array.from(m), [n, n]);
        const v = logdetSPD(t);
        const out = v.dataSync()[0] as number;
        tf.dispose([t, v]);
        return out;
      };
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          const plus = Float64Array.from(c.a);
          const minus = Float64Array.from(c.a);
          for (const [r, s] of i === j ? [[i, i]] : [[i, j], [j, i]]) {
            plus[r! * n + s!] = (plus[r! * n + s!] as number) + h;
            minus[r! * n + s!] = (minus[r! * n + s!] as number) - h;
          }
          const fd = (f(plus) - f(minus)) / (2 * h);
          // The symmetric direction E_ij + E_ji has derivative g_ij + g_ji.
          const analytic = i === j ? g[i]![i]! : g[i]![j]! + g[j]![i]!;
          expect(Math.abs(fd - analytic)).toBeLessThan(2e-3 * Math.max(1, Math.abs(analytic)));
        }
      }
      a.dispose();
    });

    it('gradient of inverseSPD matches finite differences', () => {
      const n = 3;
      const c = fromKnownFactor(n, 9);
      const w = tf.tensor2d([0.3, -1, 0.5, 2, 0.1, -0.7, 0.4, 0.9, -0.2], [n, n]);
      const a = tf.tensor2d(Float32Array.from(c.a), [n, n]);
      const objective = (x: tf.Tensor): tf.Scalar => tf.sum(tf.mul(w, inverseSPD(x as tf.Tensor2D)));
      const g = tf.grad(objective)(a).arraySync() as number[][];
      const h = 1e-2;
      const f = (m: Float64Array): number => tf.tidy(() => objective(tf.tensor2d(Float32Array.from(m), [n, n])).dataSync()[0] as number);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < i; j++) {
          const plus = Float64Array.from(c.a);
          const minus = Float64Array.from(c.a);
          // Only the lower triangle is read, so perturb it alone: derivative g_ij + g_ji.
          plus[i * n + j] = (plus[i * n + j] as number) + h;
          minus[i * n + j] = (minus[i * n + j] as number) - h;
          const fd = (f(plus) - f(minus)) / (2 * h);
          expect(Math.abs(fd - (g[i]![j]! + g[j]![i]!))).toBeLessThan(5e-3 * Math.max(1, Math.abs(fd)));
        }
      }
      tf.dispose([w, a]);
    });

    it('leaks no tensors through forward and backward passes', () => {
      const c = fromKnownFactor(8, 5);
      const a = tf.tensor2d(Float32Array.from(c.a), [8, 8]);
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        logdetSPD(a);
        inverseSPD(a);
        tf.grad((x: tf.Tensor) => logdetSPD(x as tf.Tensor2D))(a);
      });
      expect(tf.memory().numTensors).toBe(before);
      a.dispose();
    });

    it('rejects a non-square input', () => {
      const x = tf.zeros([2, 3]) as tf.Tensor2D;
      expect(() => logdetSPD(x)).toThrow(/square/);
      x.dispose();
    });
  });
}

describe('registration', () => {
  it('is idempotent and never overwrites an existing kernel', () => {
    registerLogdetKernels();
    const mine = tf.getKernel(LOGDET_SPD, 'cpu');
    expect(mine).toBeDefined();
    const replacement = tf.getKernel(INVERSE_SPD, 'cpu')!.kernelFunc;
    const readBackWebgl = tf.getKernel(LOGDET_SPD, 'webgl')!.kernelFunc;
    tf.unregisterKernel(LOGDET_SPD, 'webgl');
    tf.registerKernel({ kernelName: LOGDET_SPD, backendName: 'webgl', kernelFunc: replacement });
    registerLogdetKernels();
    expect(tf.getKernel(LOGDET_SPD, 'webgl')!.kernelFunc).toBe(replacement);
    expect(tf.getKernel(LOGDET_SPD, 'cpu')!.kernelFunc).toBe(mine!.kernelFunc);
    tf.unregisterKernel(LOGDET_SPD, 'webgl');
    registerLogdetKernels();
    expect(tf.getKernel(LOGDET_SPD, 'webgl')!.kernelFunc).toBe(readBackWebgl);
    // WebGPU never gets a synchronous read-back kernel (it gets the WGSL one instead).
    expect(READBACK_BACKENDS).not.toContain('webgpu');
  });
});
