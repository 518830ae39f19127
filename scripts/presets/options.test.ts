import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../lib/cli.ts';
import { root } from '../lib/root.ts';
import { parsePresetArgs, PRESET_FLAGS, presetHelp } from './options.ts';

describe('parsePresetArgs', () => {
  it('runs every preset for 25 steps within 33 minutes into seeds/PRESET_RESULTS.md by default', () => {
    expect(parsePresetArgs([])).toEqual({
      help: false,
      steps: 25,
      only: null,
      runTimeoutS: 600,
      budgetS: 33 * 60,
      out: join(root, 'seeds/PRESET_RESULTS.md'),
      dist: join(root, 'dist'),
      json: null,
      reportFrom: null,
    });
  });

  it('reads every flag, with a space or =', () => {
    const o = parsePresetArgs(['--steps', '5', '--only=cir,naive,', '--run-timeout', '90', '--budget-min=2.5', '--out', '-', '--dist=/tmp/d', '--json', '/tmp/r.json', '--report-from', '/tmp/old.json']);
    expect(o).toEqual({ help: false, steps: 5, only: ['cir', 'naive'], runTimeoutS: 90, budgetS: 150, out: '-', dist: '/tmp/d', json: '/tmp/r.json', reportFrom: '/tmp/old.json' });
  });

  it('refuses steps that are not a positive whole number, non-positive times and unknown flags', () => {
    for (const bad of [['--steps', '0'], ['--steps', '2.5'], ['--steps=x'], ['--run-timeout', '0'], ['--budget-min=-1'], ['--step', '5'], ['--steps']]) {
      expect(() => parsePresetArgs(bad), bad.join(' ')).toThrow(UsageError);
    }
  });
});

describe('presetHelp', () => {
  it('lists every flag', () => {
    const help = presetHelp();
    for (const name of Object.keys(PRESET_FLAGS)) expect(help).toMatch(new RegExp(`^  --${name}\\b`, 'm'));
  });
});
