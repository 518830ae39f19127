import { afterEach, describe, expect, it } from 'vitest';
import { commaList, commandLine, helpText, parseFlags, UsageError, type Flag } from './cli.ts';

const FLAGS = {
  quick: { type: 'boolean', help: 'fewer steps' },
  out: { type: 'string', value: 'FILE', help: 'the report' },
  'run-timeout': { type: 'string', help: 'seconds' },
} as const satisfies Record<string, Flag>;

describe('parseFlags', () => {
  it('reads --name value and --name=value, and leaves absent flags undefined', () => {
    expect(parseFlags(['--out', 'a.md', '--quick'], FLAGS)).toEqual({ out: 'a.md', quick: true });
    expect(parseFlags(['--out=-', '--run-timeout=5'], FLAGS)).toEqual({ out: '-', 'run-timeout': '5' });
    expect(parseFlags(['--out', '-'], FLAGS)).toEqual({ out: '-' });
    expect(parseFlags([], FLAGS)).toEqual({});
  });

  it('throws a UsageError on an unknown flag, a missing value or a stray argument', () => {
    expect(() => parseFlags(['--outt', 'a.md'], FLAGS)).toThrow(UsageError);
    expect(() => parseFlags(['--out'], FLAGS)).toThrow(UsageError);
    expect(() => parseFlags(['--out', '--quick'], FLAGS)).toThrow(/--out/);
    expect(() => parseFlags(['report.md'], FLAGS)).toThrow(UsageError);
  });
});

describe('helpText', () => {
  it('lists every flag with its value placeholder and help, aligned', () => {
    const lines = helpText('x [flags]', 'Does x.', FLAGS).split('\n');
    expect(lines.slice(0, 5)).toEqual(['Usage: x [flags]', '', 'Does x.', '', 'Flags:']);
    expect(lines.slice(5)).toEqual(['  --quick              fewer steps', '  --out FILE           the report', '  --run-timeout VALUE  seconds']);
  });
});

describe('commandLine', () => {
  const event = process.env.npm_lifecycle_event;
  afterEach(() => {
    if (event === undefined) delete process.env.npm_lifecycle_event;
    else process.env.npm_lifecycle_event = event;
  });

  it('names the npm script when npm ran it, else the tsx command', () => {
    process.env.npm_lifecycle_event = 'bench';
    expect(commandLine('bench', 'scripts/bench.ts', ['--quick'])).toBe('npm run bench -- --quick');
    expect(commandLine('bench', 'scripts/bench.ts', [])).toBe('npm run bench');
    process.env.npm_lifecycle_event = 'test:unit';
    expect(commandLine('bench', 'scripts/bench.ts', ['--quick', '--out=-'])).toBe('npx tsx scripts/bench.ts --quick --out=-');
    expect(commandLine('bench', 'scripts/bench.ts', [])).toBe('npx tsx scripts/bench.ts');
  });
});

describe('commaList', () => {
  it('splits at commas and drops empty items', () => {
    expect(commaList('a,b,,c,')).toEqual(['a', 'b', 'c']);
    expect(commaList('')).toEqual([]);
  });
});
