/**
 * The exported PyTorch project as one zip (fflate): the Python templates (python/ in this
 * repository: train.py, the collapselab package, README.md) under the project folder, and
 * the run under run/: config.json, weights.bin and, for the app's own datasets, data.bin.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { RunConfig } from '../config';
import type { ExportedConfig } from './exportedRun';

/** The template files by path relative to python/ (train.py, README.md, collapselab/*.py). */
export type ProjectTemplates = Record<string, string>;

/** Everything that goes into the zip. */
export interface ProjectParts {
  templates: ProjectTemplates;
  config: ExportedConfig;
  weights: Uint8Array;
  /** The dataset's arrays (data.bin), or null to leave the data to the user. */
  data: Uint8Array | null;
}

/** Which files of python/ belong in a project: the trainer, its package and the README; not the tests. */
export function isTemplatePath(relative: string): boolean {
  return relative === 'train.py' || relative === 'README.md' || /^collapselab\/[\w]+\.py$/.test(relative);
}

/** The project's folder (and zip) name for a run. */
export function projectName(config: RunConfig): string {
  const parts = [config.objective, ...config.methods, config.model, config.dataset, `seed${config.seed}`];
  return `collapse-lab-${parts.join('-')}`.replace(/[^\w.-]+/g, '_');
}

/** Packs the project; returns the zip's bytes. */
export function buildProjectZip(parts: ProjectParts): Uint8Array {
  const root = projectName(parts.config);
  const files: Zippable = {};
  for (const [path, text] of Object.entries(parts.templates)) {
    if (!isTemplatePath(path)) throw new Error(`${path} is not a project template.`);
    files[`${root}/${path}`] = strToU8(text);
  }
  if (!parts.templates['train.py']) throw new Error('The templates lack train.py.');
  files[`${root}/run/config.json`] = strToU8(`${JSON.stringify(parts.config, null, 2)}\n`);
  // Weights and data are binary and barely compress; store them.
  files[`${root}/run/weights.bin`] = [parts.weights, { level: 0 }];
  if (parts.data) files[`${root}/run/data.bin`] = [parts.data, { level: 6 }];
  return zipSync(files, { level: 6 });
}
