import { describe, expect, it } from 'vitest';
import type { Progress } from './inPage.ts';
import { appAddress, bothAtBudget } from './runPreset.ts';

const progress = (over: Partial<Progress>): Progress => ({
  state: 'paused',
  step: 300,
  ready: true,
  stopAt: 300,
  lastReport: 300,
  notices: [],
  twin: { state: 'paused', step: 300, lastReport: 300 },
  ...over,
});

describe('bothAtBudget', () => {
  it('holds once the main run is paused at the budget and both runs have their last report', () => {
    expect(bothAtBudget(progress({}), 300)).toBe(true);
    expect(bothAtBudget(progress({ twin: { state: 'running', step: 301, lastReport: 300 } }), 300)).toBe(true);
  });

  it('waits for a run still training, a report still on its way, or a twin that has not started', () => {
    expect(bothAtBudget(progress({ state: 'running' }), 300)).toBe(false);
    expect(bothAtBudget(progress({ step: 290, lastReport: 290 }), 300)).toBe(false);
    expect(bothAtBudget(progress({ lastReport: 290 }), 300)).toBe(false);
    expect(bothAtBudget(progress({ twin: { state: 'running', step: 290, lastReport: 290 } }), 300)).toBe(false);
    expect(bothAtBudget(progress({ twin: { state: 'paused', step: 300, lastReport: null } }), 300)).toBe(false);
    expect(bothAtBudget(progress({ twin: null }), 300)).toBe(false);
  });
});

describe('appAddress', () => {
  it("asks for the backend in the address, or leaves the app's own choice", () => {
    expect(appAddress('http://127.0.0.1:4000', 'wasm')).toBe('http://127.0.0.1:4000/?backend=wasm');
    expect(appAddress('http://127.0.0.1:4000', 'auto')).toBe('http://127.0.0.1:4000/');
  });
});
