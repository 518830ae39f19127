import { describe, expect, it } from 'vitest';
import type { MetricsReport } from '../protocol';
import { POINTS, runRecord } from '../../test/support/runRecords';
import { migrateRecord } from './migrateRecord';
import { recordOfRun, reportsOfRecord } from './runReports';

const who = { id: 'r', name: 'a run', renamed: false, createdAt: 100 };
const latest: MetricsReport = { ...POINTS[2]!, spectrum: [4, 2, 1], terms: { cir: { scalars: { margin: 0.4 }, labels: { margin: 'negative - own' } } } };

describe('run reports and records', () => {
  it('record a run: its history in columns, the final spectrum and line labels of its latest report, a valid record', () => {
    const r = recordOfRun(who, { config: runRecord().config, backend: 'wasm', points: POINTS, latest }, 200);
    expect([r.id, r.createdAt, r.updatedAt, r.backend]).toEqual(['r', 100, 200, 'wasm']);
    expect(r.final).toEqual({ step: 15, spectrum: [4, 2, 1] });
    expect(r.termLabels).toEqual({ cir: { margin: 'negative - own' } });
    expect(migrateRecord(r).ok).toBe(true);
  });

  it('keep no final spectrum from a diverged or spectrum-less report', () => {
    const base = { config: runRecord().config, backend: null, points: POINTS };
    expect(recordOfRun(who, { ...base, latest: { ...latest, spectrum: [1, Number.NaN] } }, 0).final).toBeNull();
    expect(recordOfRun(who, { ...base, latest: null }, 0).final).toBeNull();
  });

  it('give back a saved run as reports: each point, the last with the final spectrum and labels', () => {
    const reports = reportsOfRecord(runRecord());
    expect(reports.map((r) => r.step)).toEqual([5, 10, 15]);
    expect(reports[0]).toEqual({ step: 5, losses: POINTS[0]!.losses, scalars: POINTS[0]!.scalars, terms: {}, spectrum: [], stepsPerSecond: 10 });
    expect(reports[1]!.terms).toEqual({ cir: { scalars: { margin: 0.3 } } });
    expect(reports[2]!.spectrum).toEqual([3, 2, 1, 0.5]);
    expect(reports[2]!.terms).toEqual({ cir: { scalars: { margin: 0.4 }, labels: { margin: 'margin' } } });
  });
});
