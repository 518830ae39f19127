import { describe, expect, it } from 'vitest';
import { machineText, measuredOf, softwareRenderer, withMeasured, type Measured } from './measured.ts';
import { samplePresetRaw } from './report.sample.ts';

describe('machineText', () => {
  const raw = samplePresetRaw();
  const [wasm, webgpu] = raw.results;

  it('counts the cores and says "no GPU" when the browser renders with SwiftShader', () => {
    expect(machineText(raw.machine, wasm!.backend)).toBe('2-core CPU, no GPU');
    expect(softwareRenderer('ANGLE (NVIDIA GeForce RTX 3060)')).toBeNull();
  });

  it('says WebGPU or WebGL is emulated when the backend that ran is', () => {
    expect(machineText(raw.machine, webgpu!.backend)).toBe('2-core CPU, no GPU, WebGPU emulated (SwiftShader)');
    expect(machineText(raw.machine, { id: 'webgl', reason: 'forced', skipped: [] })).toBe('2-core CPU, no GPU, WebGL emulated (SwiftShader)');
  });

  it('names a real GPU', () => {
    const gpu = { ...raw.machine, cores: 8, webglRenderer: 'ANGLE (NVIDIA GeForce RTX 3060)' };
    expect(machineText(gpu, { id: 'webgl', reason: 'auto', skipped: [] })).toBe('8-core CPU, GPU ANGLE (NVIDIA GeForce RTX 3060)');
    const adapter = { vendor: 'nvidia', architecture: 'ampere', description: 'RTX 3060', isFallbackAdapter: false };
    expect(machineText(gpu, { id: 'webgpu', reason: 'auto', skipped: [], adapter })).toBe('8-core CPU, GPU RTX 3060');
  });
});

describe('measuredOf', () => {
  const raw = samplePresetRaw();

  it("is the run's day, machine, backend, steps, rounded seconds and claims", () => {
    expect(measuredOf(raw, raw.results[1]!)).toEqual({
      date: '2026-12-02',
      machine: '2-core CPU, no GPU, WebGPU emulated (SwiftShader)',
      backend: 'webgpu',
      steps: 40,
      seconds: 160,
      claims: raw.results[1]!.claims,
    });
  });

  it('is null for a preset that did not reach its budget', () => {
    expect(measuredOf(raw, raw.results[2]!)).toBeNull();
  });
});

describe('withMeasured', () => {
  const measured: Measured = { date: '2026-12-02', machine: '2-core CPU, no GPU', backend: 'wasm', steps: 300, seconds: 95, claims: [{ text: 'RankMe 20 vs 1', holds: true }] };
  const file = '{\n  "title": "T",\n  "config": {\n    "methods": [],\n    "params": { "corinfomax": { "alpha": 62.5 } },\n    "lr": 0.002\n  },\n  "budget": 300,\n  "notShown": "x"\n}\n';

  it('adds measured last, keeping every other field, its order and values, with a 2-space indent and a trailing newline', () => {
    const out = withMeasured(file, measured);
    expect(Object.keys(JSON.parse(out))).toEqual(['title', 'config', 'budget', 'notShown', 'measured']);
    expect(JSON.parse(out)).toEqual({ ...JSON.parse(file), measured });
    expect(out).toMatch(/^\{\n {2}"title": "T",\n {2}"config": \{\n {4}"methods": \[\],\n/);
    expect(out.endsWith('\n  }\n}\n')).toBe(true);
  });

  it('replaces an existing measured where it stands, and is idempotent', () => {
    const withOld = `${JSON.stringify({ title: 'T', measured: { ...measured, steps: 10 }, budget: 300 }, null, 2)}\n`;
    const out = withMeasured(withOld, measured);
    expect(Object.keys(JSON.parse(out))).toEqual(['title', 'measured', 'budget']);
    expect(JSON.parse(out).measured).toEqual(measured);
    expect(withMeasured(out, measured)).toBe(out);
  });
});
