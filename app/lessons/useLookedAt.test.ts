import { describe, expect, it } from 'vitest';
import collapse from '../../lessons/collapse.json';
import { parseLessons } from '../../src/lessons/lesson';
import { lookedAtTestId } from './useLookedAt';

const lesson = parseLessons({ 'collapse.json': collapse }, ['naive-collapse']).lessons[0]!;

describe('lookedAtTestId', () => {
  it("is the chart of the run step shown or ahead (a question's run), and none without a lesson or a run", () => {
    expect(lesson).toBeDefined();
    expect(lookedAtTestId({ lesson: null, index: 0 })).toBeNull();
    const kinds = lesson.steps.map((s) => s.kind);
    const run = kinds.indexOf('run');
    const predict = kinds.lastIndexOf('predict', run);
    const text = kinds.indexOf('text');
    // The collapse lesson's run step points at the spectrum; its question points ahead to it; a text step at nothing.
    expect([run, predict, text].every((i) => i >= 0)).toBe(true);
    expect(lookedAtTestId({ lesson, index: run })).toBe('chart-spectrum');
    expect(lookedAtTestId({ lesson, index: predict })).toBe('chart-spectrum');
    expect(lookedAtTestId({ lesson, index: text })).toBeNull();
  });
});
