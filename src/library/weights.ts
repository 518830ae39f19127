/**
 * A run's weights as the library keeps them: every variable by name, with its shape and its
 * float32 values, and the step they were taken at. In storage the values stay Float32Arrays;
 * in an export file they are base64 text of their little-endian bytes. Pure.
 */
import { z } from '../util/zod';
import { base64ToBytes, bytesToBase64 } from './base64';

/** One named tensor. */
export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** A run's weights at one step. */
export interface RunWeights {
  step: number;
  tensors: NamedTensor[];
}

const shapeShape = z.array(z.number().int().nonnegative());
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Weights as storage keeps them. */
export const storedWeightsShape = z.object({
  step: z.number().int().nonnegative(),
  tensors: z.array(
    z
      .object({ name: z.string().min(1), shape: shapeShape, data: z.instanceof(Float32Array) })
      .refine((t) => t.data.length === size(t.shape), { message: 'a tensor has as many values as its shape says' }),
  ),
});

/** Weights as an export file carries them (values as base64 of float32 little-endian bytes). */
export const fileWeightsShape = z.object({
  step: z.number().int().nonnegative(),
  tensors: z.array(
    z.object({ name: z.string().min(1), shape: shapeShape, dtype: z.literal('float32'), data: z.string() }),
  ),
});

/** Weights in an export file. */
export type FileWeights = z.infer<typeof fileWeightsShape>;

/** True on a little-endian machine (every browser platform today); the file bytes are little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The little-endian bytes of float32 values. */
export function float32Bytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  if (LITTLE_ENDIAN) bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  else {
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  }
  return bytes;
}

/** Weights for an export file. */
export function weightsToFile(w: RunWeights): FileWeights {
  return { step: w.step, tensors: w.tensors.map((t) => ({ name: t.name, shape: t.shape, dtype: 'float32', data: bytesToBase64(float32Bytes(t.data)) })) };
}

/** Weights from an export file, or a sentence saying what is wrong with them. */
export function weightsFromFile(f: FileWeights): RunWeights | string {
  const tensors: NamedTensor[] = [];
  for (const t of f.tensors) {
    const bytes = base64ToBytes(t.data);
    if (bytes === null) return `the values of weight "${t.name}" are not base64 text`;
    if (bytes.length !== size(t.shape) * 4) return `weight "${t.name}" has ${bytes.length / 4} values where its shape [${t.shape.join(', ')}] needs ${size(t.shape)}`;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const data = new Float32Array(bytes.length / 4);
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(i * 4, true);
    tensors.push({ name: t.name, shape: t.shape, data });
  }
  return { step: f.step, tensors };
}
