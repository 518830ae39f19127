import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../lib/cli.ts';
import { root } from '../lib/root.ts';
import { parsePresetArgs, PRESET_FLAGS, presetHelp } from './options.ts';

describe('parsePresetArgs', () => {
  it('runs every preset on the backend its model suggests, 6 min each, and writes the files by default', () => {
    expect(parsePresetArgs([])).toEqual({ help: false, only: null, backend: null, minutes: 6, write: true, json: null, reportFrom: null, dist: join(root, 'dist') });
    expect(parsePresetArgs(['--write']).write).toBe(true);
  });

  it('reads every flag, with a space or =', () => {
    const o = parsePresetArgs(['--only', 'corinfomax,simsiam-stopgrad,', '--backend=auto', '--minutes', '2.5', '--dry-run', '--json=/tmp/r.json', '--report-from', '/tmp/old.json', '--dist', '/tmp/d', '--help']);
    expect(o).toEqual({ help: true, only: ['corinfomax', 'simsiam-stopgrad'], backend: 'auto', minutes: 2.5, write: false, json: '/tmp/r.json', reportFrom: '/tmp/old.json', dist: '/tmp/d' });
    expect(parsePresetArgs(['--backend', 'webgpu']).backend).toBe('webgpu');
  });

  it('refuses an unknown backend, a non-positive time, an empty --only, --write with --dry-run and unknown flags', () => {
    const bad = [['--backend', 'metal'], ['--minutes', '0'], ['--minutes=x'], ['--minutes', 'Infinity'], ['--only', ','], ['--write', '--dry-run'], ['--steps', '5'], ['--minutes']];
    for (const argv of bad) expect(() => parsePresetArgs(argv), argv.join(' ')).toThrow(UsageError);
  });
});

describe('presetHelp', () => {
  it('lists every flag', () => {
    const help = presetHelp();
    for (const name of Object.keys(PRESET_FLAGS)) expect(help).toMatch(new RegExp(`^  --${name}\\b`, 'm'));
  });
});
