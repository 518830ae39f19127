/** Hand-made run records and history points for the library's unit tests. */
import { DEFAULT_CONFIG, type RunConfig } from '../../src/config';
import { toColumns, type HistoryPointLike } from '../../src/library/historyColumns';
import { RUN_FORMAT, type RunRecord } from '../../src/library/runRecord';

/** Three reports of a VICReg run with a CIR line from the second one on. */
export const POINTS: HistoryPointLike[] = [
  { step: 5, losses: { total: 2.5, vicreg: 2.5 }, scalars: { rankme: 20, stdL2: 0.1 }, termScalars: {}, stepsPerSecond: 10 },
  { step: 10, losses: { total: 2.0, vicreg: 2.0 }, scalars: { rankme: 18, stdL2: 0.09, knn: 0.5 }, termScalars: { cir: { margin: 0.3 } }, stepsPerSecond: 12 },
  { step: 15, losses: { total: 1.5, vicreg: 1.5 }, scalars: { rankme: 16.5, stdL2: 0.08 }, termScalars: { cir: { margin: 0.4 } }, stepsPerSecond: 11 },
];

/** A format-1 record of `POINTS` (fields overridable). */
export function runRecord(over: Partial<RunRecord> = {}, config: Partial<RunConfig> = {}): RunRecord {
  return {
    format: RUN_FORMAT,
    id: 'run-1',
    name: 'VICReg, shapes16, seed 1',
    renamed: false,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_060_000,
    backend: 'wasm',
    config: { ...DEFAULT_CONFIG, dataset: 'shapes16', model: 'mlp', ...config },
    history: toColumns(POINTS),
    termLabels: { cir: { margin: 'margin' } },
    final: { step: 15, spectrum: [3, 2, 1, 0.5] },
    ...over,
  };
}
