/** The engine's exportWeights command in Node on the CPU backend: every variable by name, with its shape and values. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../src/config';
import { Engine } from '../src/engine';
import type { WorkerEvent } from '../src/protocol';

const fetchBytes = async (path: string) => new Uint8Array(await readFile(join(import.meta.dirname, '..', 'public', path)));
const small: RunConfig = { ...DEFAULT_CONFIG, dataset: 'blobs', model: 'mlp', width: 8, depth: 1, embedDim: 4, batchSize: 32, backend: 'cpu' };

type WeightsEvent = Extract<WorkerEvent, { type: 'weights' }>;

describe('exportWeights', () => {
  it('answers with no tensors before a run is built, then with every variable, shaped, at the current step', async () => {
    const events: WorkerEvent[] = [];
    const engine = new Engine((e) => events.push(e), fetchBytes);
    const weights = (): WeightsEvent[] => events.filter((e): e is WeightsEvent => e.type === 'weights');
    await engine.handle({ type: 'exportWeights' });
    expect(weights()).toEqual([{ type: 'weights', step: 0, tensors: [] }]);

    await engine.handle({ type: 'configure', config: small });
    await engine.handle({ type: 'exportWeights' });
    const w = weights()[1]!;
    expect(w.step).toBe(0);
    expect(w.tensors.length).toBeGreaterThan(4);
    for (const t of w.tensors) {
      expect(t.data).toBeInstanceOf(Float32Array);
      expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
    }
    // A dense kernel keeps its 2-D shape: blobs has 8 features, the MLP is 8 wide.
    expect(w.tensors.some((t) => t.shape.length === 2 && t.shape[0] === 8 && t.shape[1] === 8)).toBe(true);
    expect(new Set(w.tensors.map((t) => t.name)).size).toBe(w.tensors.length);
  });
});
