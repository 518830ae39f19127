/** The model registry: id -> metadata + factory. */
import type { ModelSpec } from '../catalog';
import { createCnn } from './cnn';
import { createMlp } from './mlp';
import type { Model, ModelOptions } from './model';

/** A registered model family. */
export interface ModelSource {
  spec: ModelSpec;
  create(opts: ModelOptions): Model;
}

/** Every model the app offers, by id. */
export const MODELS: Readonly<Record<string, ModelSource>> = {
  cnn: {
    spec: { id: 'cnn', label: 'Small CNN', accepts: ['image'], hasBlocks: true, summary: 'Stride-2 stem, residual blocks that keep the spatial size, global pooling.' },
    create: createCnn,
  },
  mlp: {
    spec: { id: 'mlp', label: 'MLP', accepts: ['image', 'points'], hasBlocks: true, summary: 'Input layer and residual blocks that keep the width; images are flattened.' },
    create: createMlp,
  },
};

/** The model family registered under `id`; throws naming the known ids when there is none. */
export function modelSource(id: string): ModelSource {
  const source = Object.hasOwn(MODELS, id) ? MODELS[id] : undefined;
  if (!source) throw new Error(`Unknown model "${id}". Known: ${Object.keys(MODELS).join(', ')}.`);
  return source;
}

/** The metadata of every registered model, in registry order (for the catalog). */
export function modelSpecs(): ModelSpec[] {
  return Object.values(MODELS).map((m) => m.spec);
}
