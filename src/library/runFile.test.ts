import { describe, expect, it } from 'vitest';
import { runRecord } from '../../test/support/runRecords';
import { MAX_RUN_FILE_BYTES, oversizeRunFile, parseRunFile, runFileText } from './runFile';
import type { RunWeights } from './weights';

const WEIGHTS: RunWeights = { step: 15, tensors: [{ name: 'dense0/kernel', shape: [2, 3], data: new Float32Array([1, -2, 3.5, 0, 1e-8, -1e8]) }, { name: 'bn/mean', shape: [0], data: new Float32Array() }] };

describe('run files', () => {
  it('write a run and read it back the same, with or without weights', () => {
    const record = runRecord();
    expect(parseRunFile(runFileText(record, null), 'a.json')).toEqual({ ok: true, record, weights: null });
    const read = parseRunFile(runFileText(record, WEIGHTS), 'a.json');
    expect(read).toEqual({ ok: true, record, weights: WEIGHTS });
  });

  it('read a format-0 record in a file (migrated)', () => {
    const text = JSON.stringify({ collapseLab: 'run', id: 'o', name: 'old', savedAt: '2024-01-01T00:00:00Z', config: runRecord().config, history: [{ step: 1, losses: { total: 1 }, scalars: {} }] });
    const read = parseRunFile(text, 'old.json');
    expect(read.ok && read.record.history.losses.total).toEqual([1]);
  });

  it('refuse a file that is not JSON, not ours, newer or damaged, each with a sentence that names the file and changes nothing', () => {
    const good = JSON.parse(runFileText(runRecord(), WEIGHTS)) as Record<string, unknown>;
    const cases: [string, RegExp][] = [
      ['{"collapseLab": "run", "id": ', /^"f.json" was not imported: it is not a Collapse Lab run file \(it is not JSON text\)\. Choose a file saved with the library's "JSON" export button\. Nothing was changed\.$/],
      [JSON.stringify({ name: 'a chart', data: [1, 2] }), /it has no "collapseLab": "run" field; it may come from another program/],
      ['[1, 2, 3]', /no "collapseLab": "run" field/],
      [JSON.stringify({ ...good, format: 2 }), /written by a newer version of Collapse Lab \(run format 2/],
      [JSON.stringify({ ...good, history: { steps: [1] } }), /it is damaged: history\.losses/],
      [JSON.stringify({ ...good, config: 'x' }), /it is damaged: config/],
      [JSON.stringify({ ...good, weights: { step: 1, tensors: [{ name: 'w', shape: [4], dtype: 'float32', data: 'AAAA' }] } }), /weights are damaged: weight "w" has 0\.75 values where its shape \[4\] needs 4/],
      [JSON.stringify({ ...good, weights: { step: 1, tensors: [{ name: 'w', shape: [1], dtype: 'float32', data: '%%%%' }] } }), /values of weight "w" are not base64 text/],
      [JSON.stringify({ ...good, weights: { step: 1, tensors: [{ name: 'w', shape: [1], dtype: 'int8', data: 'AAAA' }] } }), /weights are damaged \(they do not have the expected fields\)/],
    ];
    for (const [text, expected] of cases) {
      const read = parseRunFile(text, 'f.json');
      expect(read.ok, text.slice(0, 60)).toBe(false);
      if (!read.ok) {
        expect(read.message).toMatch(expected);
        expect(read.message).toMatch(/^"f\.json" was not imported: .*Nothing was changed\.$/);
      }
    }
  });

  it('refuse a file too large to be a run before reading it', () => {
    expect(oversizeRunFile('big.json', MAX_RUN_FILE_BYTES + 1)?.message).toMatch(/"big.json" was not imported: it is larger than 64 MB/);
    expect(oversizeRunFile('ok.json', 1000)).toBeNull();
  });
});
