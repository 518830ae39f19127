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
export const MODELS: Record<string, ModelSource> = {
  cnn: {
    spec: { id: 'cnn', label: 'Small CNN', accepts: ['image'], hasBlocks: true, summary: 'Stride-2 stem, residual blocks that keep the spatial size, global pooling.' },
    create: createCnn,
  },
  mlp: {
    spec: { id: 'mlp', label: 'MLP', accepts: ['image', 'points'], hasBlocks: true, summary: 'Input layer and residual blocks that keep the width; images are flattened.' },
    create: createMlp,
  },
};
