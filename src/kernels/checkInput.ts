/**
 * The one shape check of the kernels' inputs, for the ops (tf.Tensor) and the kernelFuncs
 * (TensorInfo) alike: every kernel takes matrices that are square [D, D] or samples
 * [N, D], sometimes sized by another input, float32 once they reach a kernelFunc, and
 * bounded in size where a WGSL program keeps them in workgroup memory.
 */

/** What the check reads of an input: a tf.Tensor or a kernelFunc's TensorInfo. */
export interface Shaped {
  readonly shape: readonly number[];
  readonly dtype: string;
}

/** What an input must be. */
export interface InputRule {
  /** 'square': [D, D]. 'rows': [N, D] with N >= 1. */
  shape: 'square' | 'rows';
  /** The exact [rows, cols] it must have besides, and why (a size it shares with another input). */
  like?: { size: readonly [number, number]; why: string };
  /** Require float32 (a kernelFunc's input; the ops cast first). */
  float32?: boolean;
  /** The largest rows and columns the WebGPU kernel accepts. */
  maxSize?: number;
}

/** Throws an error naming `where` and the input unless `x` is present and obeys `rule`; returns its [rows, cols]. */
export function checkInput(where: string, name: string, x: Shaped | undefined, rule: InputRule): [number, number] {
  if (!x) throw new Error(`${where}: missing input "${name}".`);
  const got = `got shape [${x.shape.join(', ')}]`;
  const [rows, cols] = x.shape;
  if (x.shape.length !== 2 || rows === undefined || cols === undefined) throw new Error(`${where}: input "${name}" must be ${describe(rule)}, ${got}.`);
  if (rule.shape === 'square' ? rows !== cols : rows < 1) throw new Error(`${where}: input "${name}" must be ${describe(rule)}, ${got}.`);
  if (rule.like && (rows !== rule.like.size[0] || cols !== rule.like.size[1])) {
    throw new Error(`${where}: input "${name}" must be [${rule.like.size.join(', ')}] (${rule.like.why}), ${got}.`);
  }
  if (rule.float32 && x.dtype !== 'float32') throw new Error(`${where}: input "${name}" must be float32, got ${x.dtype}.`);
  if (rule.maxSize !== undefined && (rows > rule.maxSize || cols > rule.maxSize)) {
    throw new Error(`${where}: the WebGPU kernel supports sizes up to ${rule.maxSize}, ${got}.`);
  }
  return [rows, cols];
}

/** The shape a rule asks for, in words. */
function describe(rule: InputRule): string {
  return rule.shape === 'square' ? 'a square [D, D] matrix' : '[N, D] with N >= 1';
}
