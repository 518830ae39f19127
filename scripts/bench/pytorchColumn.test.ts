import { describe, expect, it } from 'vitest';
import { PYTORCH_COLUMN } from './raw.ts';
import { renderBenchReport } from './report.ts';
import { sampleBenchRaw } from './report.sample.ts';

describe("section 2's PyTorch column", () => {
  it('sits beside the tfjs backends with its ratio and says what it is', () => {
    const raw = sampleBenchRaw();
    const steps = raw.steps!;
    const timing = (ms: number) => ({ steps: 3, medianMs: ms, meanMs: ms, minMs: ms, readsPerStep: 0, readsPerMetricsStep: null, warmupMs: ms, readsByMethod: {}, tensorDelta: 0 });
    const rows = Object.values(steps.backends).flatMap((b) => b.rows).filter((r, i, all) => all.findIndex((x) => x.model === r.model && x.preset === r.preset) === i);
    steps.backends[PYTORCH_COLUMN] = { note: 'torch 1.13, 2 CPU threads', rows: rows.map((r) => ({ ...r, skipped: undefined, error: undefined, base: timing(0.5), method: r.methods.length ? timing(1) : null })) };
    const report = renderBenchReport(raw);
    const header = report.split('\n').find((l) => l.startsWith('| model | preset |') && !l.includes('method'))!;
    expect(header.endsWith(`| ${PYTORCH_COLUMN} |`)).toBe(true);
    expect(report).toContain(`Column ${PYTORCH_COLUMN}: the same step`);
    expect(report).toContain('torch 1.13, 2 CPU threads');
    expect(report).toMatch(/\| 0\.5 \(1\.00×\) \|/);
    const without = renderBenchReport(sampleBenchRaw());
    expect(without).not.toContain(PYTORCH_COLUMN);
  });
});
