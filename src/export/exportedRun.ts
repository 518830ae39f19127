/**
 * What an exported PyTorch project carries about the run (python/README.md): its config
 * as JSON with every enabled term's knobs filled in and the dataset's spec, its weights
 * by the trainer's snapshot names (python/collapselab/models.py maps them), and the
 * dataset's arrays. Pure: no tfjs, so the app and Node scripts both use it.
 */
import type { Catalog, DatasetSpec } from '../catalog';
import type { RunConfig } from '../config';
import { resolveValues, type ParamValues } from '../params';
import { encodeTensorFile, type NamedTensor } from './tensorFile';

/** Version of the exported layout, read by train.py. */
export const EXPORT_FORMAT = 1;

/** The run's config as the Python side reads it. */
export type ExportedConfig = RunConfig & {
  exportFormat: number;
  /** The dataset's metadata (kind, shape, classes, mirrorKeepsClass). */
  spec: DatasetSpec;
  /** The step the weights were taken at (0: initialised from the seed). */
  step: number;
};

/** A dataset's arrays, as the engine holds them (NHWC images in [0, 1], or points). */
export interface DatasetArrays {
  trainX: Float32Array;
  trainY: Int32Array;
  testX: Float32Array;
  testY: Int32Array;
  mean: number[];
}

/** The run's current weights by snapshot name, as the engine's `weights` event carries them (method-state tensors flat). */
export interface RunWeights {
  step: number;
  tensors: { name: string; shape: number[]; data: Float32Array }[];
}

/** The config with every enabled term's knobs resolved (defaults filled in) and the dataset's spec. */
export function exportedConfig(config: RunConfig, catalog: Catalog, step: number): ExportedConfig {
  const spec = catalog.datasets.find((d) => d.id === config.dataset);
  if (!spec) throw new Error(`Unknown dataset "${config.dataset}".`);
  const params: Record<string, ParamValues> = {};
  for (const id of [config.objective, ...config.methods]) {
    const term = catalog.terms.find((t) => t.id === id);
    if (!term) throw new Error(`Unknown loss term "${id}".`);
    params[id] = resolveValues(term.params, config.params[id], term.label).values;
  }
  return { ...config, params, spec, step, exportFormat: EXPORT_FORMAT };
}

/** weights.bin: every weight, flat, in the app's layout (dense [in, out], conv [kh, kw, in, out]). */
export function encodeWeights(weights: RunWeights): Uint8Array {
  return encodeTensorFile(weights.tensors, { step: weights.step });
}

/** The images as bytes when every value is k/255 (MNIST-like sets), else null. */
function asBytes(values: Float32Array): Uint8Array | null {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const k = Math.round(values[i]! * 255);
    if (k < 0 || k > 255 || Math.fround(k / 255) !== values[i]) return null;
    out[i] = k;
  }
  return out;
}

/** data.bin: the dataset the run trains on, images as bytes where that is exact, else float32. */
export function encodeDataset(spec: DatasetSpec, arrays: DatasetArrays): Uint8Array {
  const shape = [...spec.shape];
  const rows = (x: Float32Array) => x.length / shape.reduce((a, b) => a * b, 1);
  const pixels = (name: string, x: Float32Array): NamedTensor => {
    const bytes = spec.kind === 'image' ? asBytes(x) : null;
    return { name, shape: [rows(x), ...shape], data: bytes ?? x };
  };
  return encodeTensorFile(
    [
      pixels('trainX', arrays.trainX),
      { name: 'trainY', shape: [arrays.trainY.length], data: arrays.trainY },
      pixels('testX', arrays.testX),
      { name: 'testY', shape: [arrays.testY.length], data: arrays.testY },
    ],
    { spec, mean: arrays.mean },
  );
}
