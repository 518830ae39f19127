import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import { parseRecoveryRecord, planRecovery } from './recoveryRecord';

const good = (runId = 'run-abc', savedAt = 1_780_000_000_000) => ({
  runId,
  savedAt,
  step: 150,
  config: structuredClone(DEFAULT_CONFIG),
  tensors: [{ name: 'enc/w0', shape: [2, 3], data: new Float32Array(6).fill(0.5) }],
});

describe('parseRecoveryRecord', () => {
  it('reads a record the app wrote', () => {
    const read = parseRecoveryRecord(good());
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.record.step).toBe(150);
      expect(read.record.tensors[0]!.data).toBeInstanceOf(Float32Array);
    }
  });

  it.each([
    ['not an object', 'garbage', /cannot be read/],
    ['a negative step', { ...good(), step: -1 }, /step/],
    ['values of the wrong count', { ...good(), tensors: [{ name: 'w', shape: [4], data: new Float32Array(3) }] }, /as many values as its shape/],
    ['values as a plain array', { ...good(), tensors: [{ name: 'w', shape: [1], data: [1] }] }, /tensors\.0\.data/],
    ['no run id', { ...good(), runId: '' }, /runId/],
    ['a config of another shape', { ...good(), config: { model: 7 } }, /config/],
  ])('refuses %s with a sentence', (_what, raw, message) => {
    const read = parseRecoveryRecord(raw);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(message);
  });
});

describe('planRecovery', () => {
  const library = [
    { id: 'a', name: 'run A' },
    { id: 'b', name: 'run B' },
    { id: 'now', name: 'this page' },
  ];

  it('offers the newest record of a run in the library and removes the older ones', () => {
    const plan = planRecovery([{ key: 'a', raw: good('a', 100) }, { key: 'b', raw: good('b', 200) }], library, null);
    expect(plan.offer?.record.runId).toBe('b');
    expect(plan.offer?.name).toBe('run B');
    expect(plan.remove).toEqual(['a']);
    expect(plan.unreadable).toEqual([]);
  });

  it("leaves this page's own record alone, and removes a record whose run was deleted from the library", () => {
    const plan = planRecovery([{ key: 'now', raw: good('now', 300) }, { key: 'gone', raw: good('gone', 200) }], library, 'now');
    expect(plan.offer).toBeNull();
    expect(plan.remove).toEqual(['gone']);
  });

  it('removes unreadable records and records filed under another run, with a sentence each, and still offers a good one', () => {
    const plan = planRecovery(
      [
        { key: 'a', raw: { step: 'fifty' } },
        { key: 'b', raw: good('a', 500) },
        { key: 'x', raw: good('x', 10) },
      ],
      [...library, { id: 'x', name: 'run X' }],
      null,
    );
    expect(plan.offer?.record.runId).toBe('x');
    expect(plan.remove).toEqual(['a', 'b']);
    expect(plan.unreadable).toHaveLength(2);
    expect(plan.unreadable[1]).toMatch(/filed under another run/);
  });
});
