/**
 * Exporting a saved run as a file: JSON (its record and, when kept, its weights; what the
 * library imports back), CSV (every line of its history), or its weights alone as
 * safetensors. Downloads are made in the page (app/library/downloads.ts).
 */
import { fileNameOf } from '../../src/library/fileName';
import { historyCsv } from '../../src/library/runCsv';
import { runFileText } from '../../src/library/runFile';
import { safetensorsBytes } from '../../src/library/safetensors';
import { downloadBlob } from './downloads';
import { getRun, say } from './libraryStore';

/** The kinds of export. */
export type ExportKind = 'json' | 'csv' | 'weights';

/** Downloads run `id` as `kind`; says why not when it cannot. */
export async function exportRun(id: string, kind: ExportKind): Promise<void> {
  const saved = await getRun(id);
  if (typeof saved === 'string') return say('error', `Not exported: ${saved}.`);
  const { record, weights } = saved;
  switch (kind) {
    case 'json':
      return downloadBlob(fileNameOf(record.name, 'json'), new Blob([runFileText(record, weights)], { type: 'application/json' }));
    case 'csv':
      return downloadBlob(fileNameOf(record.name, 'csv'), new Blob([historyCsv(record.history)], { type: 'text/csv' }));
    case 'weights': {
      if (!weights) return say('error', `"${record.name}" has no kept weights: press "Keep weights" while it is the run training now.`);
      const bytes = safetensorsBytes(weights, { format: 'collapse-lab', run: record.name, step: String(weights.step), config: JSON.stringify(record.config) });
      return downloadBlob(fileNameOf(record.name, 'safetensors'), new Blob([bytes.buffer as ArrayBuffer], { type: 'application/octet-stream' }));
    }
  }
}
