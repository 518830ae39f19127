/**
 * Exporting a run from Node (npm run export, and the tests): loads the run's dataset from
 * public/, builds its trainer on tfjs's CPU backend (weights initialised from the seed, as
 * the app does), and packs the project with the Python templates read from python/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../../src/config';
import { datasetSource } from '../../src/data/registry';
import type { LoadedDataset } from '../../src/data/dataset';
import { buildCatalog } from '../../src/engine';
import { encodeDataset, encodeWeights, exportedConfig, type RunWeights } from '../../src/export/exportedRun';
import { buildProjectZip, isTemplatePath, type ProjectParts, type ProjectTemplates } from '../../src/export/projectZip';
import { Trainer } from '../../src/trainer';

/** The repository's root folder. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the Python templates live. */
export const PYTHON_DIR = path.join(ROOT, 'python');

/** The project templates, read from python/ (train.py, README.md, collapselab/*.py). */
export function readTemplates(dir = PYTHON_DIR): ProjectTemplates {
  const out: ProjectTemplates = {};
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(dir, relative))) {
      const rel = relative ? `${relative}/${entry}` : entry;
      if (statSync(path.join(dir, rel)).isDirectory()) walk(rel);
      else if (isTemplatePath(rel)) out[rel] = readFileSync(path.join(dir, rel), 'utf8');
    }
  };
  walk('');
  return out;
}

/** Loads a dataset of the app from public/ (generated ones need no files). */
export function loadDatasetInNode(id: string, seed: number): Promise<LoadedDataset> {
  return datasetSource(id).load(seed, async (p) => new Uint8Array(readFileSync(path.join(ROOT, 'public', p))));
}

/** Every weight of a trainer with its shape where the model knows it (flat otherwise), as the engine's `weights` event. */
export async function trainerWeights(trainer: Trainer): Promise<RunWeights> {
  const snap = await trainer.snapshot();
  const known = new Map([...trainer.model.variables, ...trainer.model.buffers]);
  return { step: snap.step, tensors: [...snap.values].map(([name, data]) => ({ name, shape: known.get(name)?.shape ?? [data.length], data })) };
}

/** The parts of the project of `config` with its weights initialised from the seed (tfjs CPU backend). */
export async function projectPartsFromSeed(config: RunConfig, dataset?: LoadedDataset): Promise<ProjectParts> {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  const data = dataset ?? (await loadDatasetInNode(config.dataset, config.seed));
  const trainer = new Trainer(config, data);
  try {
    const weights = await trainerWeights(trainer);
    return {
      templates: readTemplates(),
      config: exportedConfig(config, buildCatalog(), 0),
      weights: encodeWeights(weights),
      data: encodeDataset(data.spec, data),
    };
  } finally {
    trainer.dispose();
  }
}

/** The zip of `config`'s project, weights from the seed. */
export async function exportZipFromSeed(config: RunConfig): Promise<Uint8Array> {
  return buildProjectZip(await projectPartsFromSeed(config));
}
