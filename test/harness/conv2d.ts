/**
 * The conv2d part of the kernel harness (`window.__kernels.conv2d`, see ./kernels.ts):
 * parity of our WGSL convolution kernels (forward, dx, dw through tf.conv2d and tf.grads,
 * so the engine dispatches to the registered kernels) against tfjs's CPU backend and a
 * float64 reference, and per-step timings of ours vs tfjs's webgpu kernels.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { convGeometry, installOurConvolutionKernels, ourConvolutionKernelsInstalled, restoreTfjsConvolutionKernels, type ConvGeometry } from '../../src/kernels/conv2d';
import { conv2dBackpropFilterReference, conv2dBackpropInputReference, conv2dReference } from '../../src/kernels/conv2d/reference';
import { maxAbs, maxAbsDiff } from '../support/differences';
import { gaussian } from '../support/random';

/** One convolution test case: NHWC input shape, filter shape, stride, padding, seed. */
export interface ConvCase {
  x: [number, number, number, number];
  w: [number, number, number, number];
  strides: number;
  pad: 'same' | 'valid';
  seed: number;
}

/** Errors of one output (y, dx or dw) of our kernels. */
export interface ConvOutputError {
  name: 'y' | 'dx' | 'dw';
  /** Terms K summed per element (y: KH KW CI; dx: up to KH KW CO; dw: N OH OW). */
  terms: number;
  /** max |exact| (float64 reference). */
  maxAbsRef: number;
  /** max |ours - tfjs cpu|. */
  maxAbsDiffCpu: number;
  /** max |ours - float64 reference|. */
  maxAbsDiffExact: number;
  /**
   * max over elements of |ours - cpu| / (2 K u S), S = the element's sum of |terms|, u =
   * 2^-24: two float32 sums of the same K terms in any order differ by at most that
   * (to first order), so a correct kernel has a ratio <= 1.
   */
  boundRatio: number;
  /** The same ratio for tfjs cpu vs float64 with bound K u S (the yardstick). */
  cpuBoundRatio: number;
}

/** Result of `parity`. */
export interface ConvParity {
  outputs: ConvOutputError[];
  /** Dispatches of our conv2d programs during the run (3: forward, dx, dw). */
  ourDispatches: number;
  /** Change of tf.memory().numTensors across our run (0: no leak). */
  leakedTensors: number;
  /** boundRatio of the forward output against the float64 result of the spatially flipped filter: must be > 1 (the check can fail). */
  controlRatio: number;
}

/** Which work `time` measures. */
export type ConvTimedPart = 'step' | 'forward' | 'dx' | 'dw';

/** The API on `window.__kernels.conv2d`. */
export interface Conv2dHarness {
  /** Runs our kernels on webgpu and tfjs's cpu backend on the same seeded inputs, and compares. */
  parity(c: ConvCase): Promise<ConvParity>;
  /**
   * Milliseconds per call of `part` ('step' = forward + dx + dw, all awaited) with our
   * kernels or tfjs's, after one warm-up (pipeline compilation), averaged over `iters`.
   */
  time(c: ConvCase, impl: 'ours' | 'tfjs', iters: number, part?: ConvTimedPart): Promise<number>;
  /**
   * A dilation-2 forward convolution (which our programs do not cover) with ours
   * installed: how many of our programs ran (0: delegated) and max |ours - tfjs's|.
   */
  delegation(): Promise<{ ourDispatches: number; maxAbsDiff: number }>;
}

const U = 2 ** -24;

/** The geometry and seeded inputs x, w, dy of a case. */
function caseData(c: ConvCase): { g: ConvGeometry; x: Float32Array; w: Float32Array; dy: Float32Array } {
  const g = convGeometry(c.x, c.w, { strides: c.strides, pad: c.pad });
  if (!g) throw new Error('conv2d harness: unsupported case');
  const sizes = [c.x.reduce((a, b) => a * b, 1), c.w.reduce((a, b) => a * b, 1), g.n * g.oh * g.ow * g.co] as const;
  // One seeded stream, drawn in the order x, w, dy.
  const values = Float32Array.from(gaussian(sizes[0] + sizes[1] + sizes[2], c.seed));
  const x = values.slice(0, sizes[0]);
  const w = values.slice(sizes[0], sizes[0] + sizes[1]);
  const dy = values.slice(sizes[0] + sizes[1]);
  return { g, x, w, dy };
}

/** Forward output and both gradients of sum(dy * conv2d(x, w)) on the active backend. */
async function forwardAndGradients(c: ConvCase, xv: Float32Array, wv: Float32Array, dyv: Float32Array, g: ConvGeometry): Promise<Float32Array[]> {
  const x = tf.tensor4d(xv, c.x);
  const w = tf.tensor4d(wv, c.w);
  const dy = tf.tensor4d(dyv, [g.n, g.oh, g.ow, g.co]);
  const outs = tf.tidy(() => {
    const { value, grads } = tf.valueAndGrads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad))([x, w], dy);
    return [value, ...grads];
  });
  const values = await Promise.all(outs.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose([x, w, dy, ...outs]);
  return values;
}

/** |v| element-wise. */
function absolute(v: Float32Array): Float64Array {
  return Float64Array.from(v, Math.abs);
}

/** w [KH, KW, CI, CO] with both spatial axes reversed. */
function flipped(w: Float32Array, g: ConvGeometry): Float32Array {
  const out = new Float32Array(w.length);
  const inner = g.ci * g.co;
  for (let ky = 0; ky < g.kh; ky++) {
    for (let kx = 0; kx < g.kw; kx++) {
      const src = (ky * g.kw + kx) * inner;
      const dst = ((g.kh - 1 - ky) * g.kw + (g.kw - 1 - kx)) * inner;
      out.set(w.subarray(src, src + inner), dst);
    }
  }
  return out;
}

/** max_i |a_i - b_i| / (scale S_i), S the per-element sum of |terms| (Infinity if S_i = 0 and a_i != b_i). */
function boundRatio(a: ArrayLike<number>, b: ArrayLike<number>, absSum: ArrayLike<number>, scale: number): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] as number) - (b[i] as number));
    if (d === 0) continue;
    worst = Math.max(worst, d / (scale * (absSum[i] as number)));
  }
  return worst;
}

/** Runs `body` with our kernels installed (or tfjs's restored), then puts the previous state back. */
async function withKernels<T>(impl: 'ours' | 'tfjs', body: () => Promise<T>): Promise<T> {
  const wasOurs = ourConvolutionKernelsInstalled();
  if (impl === 'ours') installOurConvolutionKernels();
  else restoreTfjsConvolutionKernels();
  try {
    return await body();
  } finally {
    if (wasOurs) installOurConvolutionKernels();
    else restoreTfjsConvolutionKernels();
  }
}

/** One timed call of `part` on GPU-resident tensors; resolves once its outputs are read. */
async function timedPart(part: ConvTimedPart, c: ConvCase, x: tf.Tensor4D, w: tf.Tensor4D, dy: tf.Tensor4D): Promise<void> {
  const outs = tf.tidy(() => {
    if (part === 'forward') return [tf.conv2d(x, w, c.strides, c.pad)];
    if (part === 'dx') return [tf.engine().runKernel<tf.Tensor>(tf.Conv2DBackpropInput, { dy, filter: w }, { inputShape: x.shape, strides: c.strides, pad: c.pad, dataFormat: 'NHWC' } as unknown as tf.NamedAttrMap)];
    if (part === 'dw') return [tf.engine().runKernel<tf.Tensor>(tf.Conv2DBackpropFilter, { x, dy }, { filterShape: w.shape, strides: c.strides, pad: c.pad, dataFormat: 'NHWC' } as unknown as tf.NamedAttrMap)];
    // A training step's share: one taped forward, then dx and dw.
    const { value, grads } = tf.valueAndGrads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad))([x, w], dy);
    return [value, ...grads];
  });
  await Promise.all(outs.map((t) => t.data()));
  tf.dispose(outs);
}

/** Builds the conv2d harness (the webgpu backend must be active). */
export function makeConv2dHarness(): Conv2dHarness {
  return {
    async parity(c) {
      if (tf.getBackend() !== 'webgpu') throw new Error(`conv2d parity needs webgpu, active: ${tf.getBackend()}`);
      const { g, x, w, dy } = caseData(c);
      const b = tf.backend() as WebGPUBackend;
      let ourDispatches = 0;
      const run = b.runWebGPUProgram;
      const tensorsBefore = tf.memory().numTensors;
      const ours = await withKernels('ours', async () => {
        b.runWebGPUProgram = (program, ...rest) => {
          if (program.shaderKey.startsWith('collapselab_conv2d_')) ourDispatches++;
          return run.call(b, program, ...rest);
        };
        try {
          return await forwardAndGradients(c, x, w, dy, g);
        } finally {
          b.runWebGPUProgram = run;
        }
      });
      const leakedTensors = tf.memory().numTensors - tensorsBefore;
      await tf.setBackend('cpu');
      let cpu: Float32Array[];
      try {
        cpu = await forwardAndGradients(c, x, w, dy, g);
      } finally {
        await tf.setBackend('webgpu');
      }
      const exact = [conv2dReference(x, w, g), conv2dBackpropInputReference(dy, w, g), conv2dBackpropFilterReference(x, dy, g)];
      const ax = absolute(x);
      const aw = absolute(w);
      const ady = absolute(dy);
      const absSums = [conv2dReference(ax, aw, g), conv2dBackpropInputReference(ady, aw, g), conv2dBackpropFilterReference(ax, ady, g)];
      const terms = [g.kh * g.kw * g.ci, g.kh * g.kw * g.co, g.n * g.oh * g.ow];
      const names = ['y', 'dx', 'dw'] as const;
      const outputs = names.map((name, i): ConvOutputError => {
        const o = ours[i] ?? new Float32Array();
        const r = cpu[i] ?? new Float32Array();
        const e = exact[i] ?? new Float64Array();
        const s = absSums[i] ?? new Float64Array();
        const k = terms[i] ?? 1;
        return {
          name,
          terms: k,
          maxAbsRef: maxAbs(e),
          maxAbsDiffCpu: maxAbsDiff(o, r),
          maxAbsDiffExact: maxAbsDiff(o, e),
          boundRatio: o.length === r.length ? boundRatio(o, r, s, 2 * k * U) : Infinity,
          cpuBoundRatio: boundRatio(r, e, s, k * U),
        };
      });
      const yFlipped = conv2dReference(x, flipped(w, g), g);
      const controlRatio = boundRatio(yFlipped, cpu[0] ?? new Float32Array(), absSums[0] ?? new Float64Array(), 2 * (terms[0] ?? 1) * U);
      return { outputs, ourDispatches, leakedTensors, controlRatio };
    },

    async delegation() {
      const c: ConvCase = { x: [2, 9, 9, 3], w: [3, 3, 3, 4], strides: 1, pad: 'same', seed: 5 };
      const { x, w } = caseData(c);
      const b = tf.backend() as WebGPUBackend;
      const run = b.runWebGPUProgram;
      let ourDispatches = 0;
      const dilated = async (): Promise<Float32Array> => {
        const y = tf.tidy(() => tf.conv2d(tf.tensor4d(x, c.x), tf.tensor4d(w, c.w), 1, 'same', 'NHWC', 2));
        const v = (await y.data()) as Float32Array;
        y.dispose();
        return v;
      };
      const ours = await withKernels('ours', async () => {
        b.runWebGPUProgram = (program, ...rest) => {
          if (program.shaderKey.startsWith('collapselab_conv2d_')) ourDispatches++;
          return run.call(b, program, ...rest);
        };
        try {
          return await dilated();
        } finally {
          b.runWebGPUProgram = run;
        }
      });
      const theirs = await withKernels('tfjs', dilated);
      return { ourDispatches, maxAbsDiff: maxAbsDiff(ours, theirs) };
    },

    async time(c, impl, iters, part = 'step') {
      const { g, x, w, dy } = caseData(c);
      return withKernels(impl, async () => {
        // x + 0 etc.: GPU-resident inputs, as inside a training step.
        const [xt, wt, dyt] = tf.tidy(() => [tf.add(tf.tensor4d(x, c.x), 0), tf.add(tf.tensor4d(w, c.w), 0), tf.add(tf.tensor4d(dy, [g.n, g.oh, g.ow, g.co]), 0)] as tf.Tensor4D[]);
        if (!xt || !wt || !dyt) throw new Error('unreachable');
        try {
          await timedPart(part, c, xt, wt, dyt);
          const t0 = performance.now();
          for (let i = 0; i < iters; i++) await timedPart(part, c, xt, wt, dyt);
          return (performance.now() - t0) / Math.max(1, iters);
        } finally {
          tf.dispose([xt, wt, dyt]);
        }
      });
    },
  };
}
