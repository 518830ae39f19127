/** The pure parts of measuring: which backend a preset runs on, and its claims checked on the two runs. */
import { describe, expect, it } from 'vitest';
import type { Preset } from '../../src/compare/preset.ts';
import { backendFor, presetResult } from './measure.ts';
import { samplePresetRaw } from './report.sample.ts';

const preset = (config: Preset['config']): Preset => ({
  id: 'p',
  title: 'P',
  description: 'd',
  config,
  control: { kind: 'method', id: 'corinfomax' },
  budget: 40,
  look: 'l',
  claims: [
    { kind: 'level', run: 'control', level: 'collapsed' },
    { kind: 'compare', metric: 'rankme', better: 'higher', factor: 30 },
  ],
});

describe('backendFor', () => {
  it('is WASM for the MLP (the app default model) and WebGL for the CNN, unless --backend says otherwise', () => {
    expect(backendFor(preset({ model: 'mlp' }), null)).toBe('wasm');
    expect(backendFor(preset({ model: 'cnn' }), null)).toBe('webgl');
    expect(backendFor(preset({}), null)).toBe('wasm');
    expect(backendFor(preset({ model: 'mlp' }), 'auto')).toBe('auto');
    expect(backendFor(preset({ model: 'cnn' }), 'webgpu')).toBe('webgpu');
  });
});

describe('presetResult', () => {
  const { id: _id, title: _title, budget: _budget, backendAsked: _asked, claims: _claims, ...run } = samplePresetRaw().results[0]!;

  it("checks every claim on the two histories with the twin's labels", () => {
    const r = presetResult(preset({}), 'wasm', run);
    expect(r).toMatchObject({ id: 'p', title: 'P', budget: 40, backendAsked: 'wasm', reached: true, seconds: 80 });
    expect(r.claims).toEqual([
      { holds: true, text: 'CorInfoMax off collapsed (RankMe 1.33 of 32, spread 0.0057/√D); claimed collapsed' },
      { holds: false, text: 'rankme 21.67 (CorInfoMax on) vs 1.33 (CorInfoMax off); claimed higher (30x)' },
    ]);
  });

  it('checks nothing when the runs did not reach the budget or there is no control', () => {
    expect(presetResult(preset({}), 'wasm', { ...run, reached: false, failure: 'did not reach' }).claims).toBeNull();
    expect(presetResult(preset({}), 'wasm', { ...run, control: null }).claims).toBeNull();
  });
});
