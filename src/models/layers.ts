/**
 * The few layer primitives our models are made of, as plain functions over
 * tf.Variables: seeded initialisers, dense and 3x3 convolution.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../util/rng';

/** A dense layer's weights: W [in, out], b [out]. */
export interface DenseWeights {
  w: tf.Variable;
  b: tf.Variable | null;
}

/** A 3x3 (or kxk) convolution's weights: filter [k, k, in, out], bias [out] or none. */
export interface ConvWeights {
  w: tf.Variable;
  b: tf.Variable | null;
}

let uid = 0;

/** A tfjs-unique variable name (tfjs names are global; rebuilt models must not clash). */
export function uniqueName(name: string): string {
  return `${name}#${++uid}`;
}

/**
 * A variable initialised from `init()`, which is freed once the variable holds its value
 * (`tf.variable(tf.zeros(...))` alone would keep the initial tensor for ever).
 */
export function variableFrom(init: () => tf.Tensor, name: string, trainable = true): tf.Variable {
  const initial = init();
  const v = tf.variable(initial, trainable, uniqueName(name));
  initial.dispose();
  return v;
}

/** Adds a variable to the model's named map, failing loudly on a duplicate name. */
export function track(vars: Map<string, tf.Variable>, name: string, v: tf.Variable): tf.Variable {
  if (vars.has(name)) throw new Error(`Duplicate variable ${name}`);
  vars.set(name, v);
  return v;
}

/** He-uniform initialised dense layer (its bound scaled by `gain`), seeded. */
export function denseInit(vars: Map<string, tf.Variable>, name: string, fanIn: number, fanOut: number, rng: Rng, opts: { bias?: boolean; gain?: number } = {}): DenseWeights {
  const limit = (opts.gain ?? 1) * Math.sqrt(6 / fanIn);
  const w = track(vars, `${name}/w`, variableFrom(() => tf.randomUniform([fanIn, fanOut], -limit, limit, 'float32', rng.tfSeed()), `${name}/w`));
  const b = opts.bias === false ? null : track(vars, `${name}/b`, variableFrom(() => tf.zeros([fanOut]), `${name}/b`));
  return { w, b };
}

/** He-uniform initialised k x k convolution, seeded. */
export function convInit(vars: Map<string, tf.Variable>, name: string, k: number, cin: number, cout: number, rng: Rng, opts: { bias?: boolean; gain?: number } = {}): ConvWeights {
  const limit = (opts.gain ?? 1) * Math.sqrt(6 / (k * k * cin));
  const w = track(vars, `${name}/w`, variableFrom(() => tf.randomUniform([k, k, cin, cout], -limit, limit, 'float32', rng.tfSeed()), `${name}/w`));
  const b = opts.bias === false ? null : track(vars, `${name}/b`, variableFrom(() => tf.zeros([cout]), `${name}/b`));
  return { w, b };
}

/** x W + b. */
export function dense(x: tf.Tensor2D, l: DenseWeights): tf.Tensor2D {
  const y = tf.matMul(x, l.w as tf.Tensor2D) as tf.Tensor2D;
  return l.b ? (tf.add(y, l.b) as tf.Tensor2D) : y;
}

/** Same-padded convolution (with its bias, if any), NHWC. */
export function conv(x: tf.Tensor4D, l: ConvWeights, stride = 1): tf.Tensor4D {
  const y = tf.conv2d(x, l.w as tf.Tensor4D, stride, 'same');
  return l.b ? (tf.add(y, l.b) as tf.Tensor4D) : y;
}
