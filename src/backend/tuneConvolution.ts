/**
 * Chooses, by measurement, between tfjs's WebGPU convolution kernels and ours
 * (src/kernels/conv2d). Call right after the webgpu backend is created (with
 * WEBGPU_CPU_FORWARD already false). On SwiftShader tfjs's tiled-matmul Conv2D and its
 * backprops cost 0.1-0.35 s per call and 1-2 s to compile; on a real GPU they may well
 * win, so nothing is hard-coded: one training-step equivalent (forward with the tape, dx
 * and dw) on two small representative convolutions runs with each implementation, and
 * ours is installed only if it matches tfjs's result AND is faster.
 */
import * as tf from '@tensorflow/tfjs';
import { installOurConvolutionKernels, restoreTfjsConvolutionKernels } from '../kernels/conv2d';

/** Outcome of `tuneConvolution`. */
export interface ConvolutionTuning {
  /** Whether our kernels are now installed (false: tfjs's are). */
  ours: boolean;
  /** Milliseconds per step equivalent with our kernels (NaN if they failed to run). */
  oursMs: number;
  /** Milliseconds per step equivalent with tfjs's kernels (NaN if not measured). */
  tfjsMs: number;
  /** max |ours - tfjs| over every output element. */
  maxAbsError: number;
  /** max over outputs of max |ours - tfjs| / max |tfjs| (the acceptance test is <= MAX_RELATIVE_ERROR). */
  maxRelError: number;
  /** Why the winner won, for the banner. */
  reason: string;
}

/** Acceptance threshold of ours vs tfjs: relative to the largest |output| of each tensor. */
export const MAX_RELATIVE_ERROR = 1e-4;

/** One representative convolution: input and filter shape, stride ('same' padding), whether dx is needed. */
interface TuningCase {
  x: [number, number, number, number];
  w: [number, number, number, number];
  strides: number;
  inputGradient: boolean;
}

/**
 * A 3x3 8->8 body convolution (forward, dx, dw) and a stride-2 3-channel stem (forward,
 * dw: a model never needs the gradient of its input images). Small, because tfjs's
 * kernels take seconds to compile on an emulated GPU.
 */
const CASES: TuningCase[] = [
  { x: [16, 16, 16, 8], w: [3, 3, 8, 8], strides: 1, inputGradient: true },
  { x: [16, 32, 32, 3], w: [3, 3, 3, 8], strides: 2, inputGradient: false },
];

/** Timed runs per implementation (tfjs stops after one if already 2x slower than ours). */
const TIMED_RUNS = 2;

/** Inputs of one case on the active backend: x, w and the output gradient dy. */
interface CaseTensors {
  c: TuningCase;
  x: tf.Tensor4D;
  w: tf.Tensor4D;
  dy: tf.Tensor4D;
}

/** Deterministic inputs in [-1, 1): a cheap hash, so both implementations see the same values. */
function values(n: number, salt: number): Float32Array {
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = (((i * 2654435761 + salt * 40503) >>> 0) % 2001) / 1000 - 1;
  return v;
}

/** GPU-resident inputs of every case (x + 0 so they are kernel outputs, as inside a step). */
function makeInputs(): CaseTensors[] {
  return CASES.map((c, i) => {
    const oh = Math.ceil((c.x[1] as number) / c.strides);
    const ow = Math.ceil((c.x[2] as number) / c.strides);
    const dyShape: [number, number, number, number] = [c.x[0], oh, ow, c.w[3]];
    const size = (s: number[]): number => s.reduce((a, b) => a * b, 1);
    const resident = (shape: [number, number, number, number], salt: number): tf.Tensor4D =>
      tf.tidy(() => tf.add(tf.tensor4d(values(size(shape), salt), shape), 0));
    return { c, x: resident(c.x, 3 * i + 1), w: resident(c.w, 3 * i + 2), dy: resident(dyShape, 3 * i + 3) };
  });
}

/** One step equivalent: y, dw (and dx where needed) of every case with the registered kernels; resolves with their values. */
async function step(inputs: CaseTensors[]): Promise<Float32Array[]> {
  const outs = tf.tidy(() =>
    inputs.flatMap(({ c, x, w, dy }) => {
      const f = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, 'same');
      if (!c.inputGradient) {
        const { value, grad } = tf.valueAndGrad((b: tf.Tensor) => f(x, b))(w, dy);
        return [value, grad];
      }
      const { value, grads } = tf.valueAndGrads(f)([x, w], dy);
      return [value, ...grads];
    }),
  );
  try {
    return await Promise.all(outs.map(async (t) => (await t.data()) as Float32Array));
  } finally {
    tf.dispose(outs);
  }
}

/** Milliseconds of one awaited step. */
async function timeStep(inputs: CaseTensors[]): Promise<number> {
  const t0 = performance.now();
  await step(inputs);
  return performance.now() - t0;
}

/** Largest absolute and relative (to max |ref| per output) differences. */
function compare(ours: Float32Array[], ref: Float32Array[]): { abs: number; rel: number } {
  let abs = 0;
  let rel = 0;
  ref.forEach((r, k) => {
    const o = ours[k];
    if (!o || o.length !== r.length) {
      abs = Infinity;
      rel = Infinity;
      return;
    }
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < r.length; i++) {
      const d = Math.abs((o[i] as number) - (r[i] as number));
      diff = d > diff || Number.isNaN(d) ? d : diff;
      scale = Math.max(scale, Math.abs(r[i] as number));
    }
    abs = Math.max(abs, diff);
    rel = Math.max(rel, Number.isNaN(diff) ? Infinity : scale > 0 ? diff / scale : diff);
  });
  return { abs, rel: Number.isNaN(rel) ? Infinity : rel };
}

/**
 * Measures tfjs's and our convolution kernels on the active webgpu backend and leaves the
 * faster correct one installed (tfjs's when ours fail, mismatch or are not faster). On
 * any other backend it changes nothing and reports ours = false.
 */
export async function tuneConvolution(): Promise<ConvolutionTuning> {
  const result: ConvolutionTuning = { ours: false, oursMs: NaN, tfjsMs: NaN, maxAbsError: NaN, maxRelError: NaN, reason: '' };
  if (tf.getBackend() !== 'webgpu') {
    result.reason = `not on webgpu (${tf.getBackend()}): tfjs's kernels`;
    return result;
  }
  const inputs = makeInputs();
  try {
    // Ours first: they compile fast, and their time decides how long tfjs gets measured.
    installOurConvolutionKernels();
    let ours: Float32Array[];
    try {
      ours = await step(inputs);
      let total = 0;
      for (let i = 0; i < TIMED_RUNS; i++) total += await timeStep(inputs);
      result.oursMs = total / TIMED_RUNS;
    } catch (e) {
      restoreTfjsConvolutionKernels();
      result.reason = `our convolution kernels failed (${e instanceof Error ? e.message : String(e)}): tfjs's kernels`;
      return result;
    }
    restoreTfjsConvolutionKernels();
    const ref = await step(inputs);
    let total = 0;
    let runs = 0;
    while (runs < TIMED_RUNS) {
      total += await timeStep(inputs);
      runs++;
      if (total / runs > 2 * result.oursMs) break;
    }
    result.tfjsMs = total / runs;
    const { abs, rel } = compare(ours, ref);
    result.maxAbsError = abs;
    result.maxRelError = rel;
    const ratio = `${result.oursMs.toFixed(0)} ms vs tfjs ${result.tfjsMs.toFixed(0)} ms per conv step`;
    if (!(rel <= MAX_RELATIVE_ERROR)) {
      result.reason = `our convolution disagrees with tfjs's (relative error ${rel.toExponential(1)}): tfjs's kernels`;
    } else if (!(result.oursMs < result.tfjsMs)) {
      result.reason = `tfjs's convolution is as fast or faster (${ratio}): tfjs's kernels`;
    } else {
      installOurConvolutionKernels();
      result.ours = true;
      result.reason = `our WGSL convolution is faster (${ratio}) and matches tfjs's (relative error ${rel.toExponential(1)})`;
    }
    return result;
  } finally {
    tf.dispose(inputs.flatMap(({ x, w, dy }) => [x, w, dy]));
  }
}
