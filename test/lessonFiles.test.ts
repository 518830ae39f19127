/**
 * Every lesson in lessons/ is a valid file (src/lessons/lesson.ts) whose runs name shipped
 * presets or carry setups that validate against the engine's own catalog, whose controls
 * really differ from their runs, whose charts exist, and whose formulas KaTeX typesets: a
 * teacher's broken lesson fails the unit suite before it ships.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { applyFlip } from '../src/compare/flip';
import { parsePresets } from '../src/compare/preset';
import { DEFAULT_CONFIG, validateConfig } from '../src/config';
import { buildCatalog } from '../src/engine';
import { parseLessons, type Lesson } from '../src/lessons/lesson';
import { runSetupOf } from '../src/lessons/lessonFlow';
import { formulasIn } from '../src/lessons/richText';
import { mergeLinkConfig } from '../src/link/resolveLinkConfig';

const readJson = (dir: string): Record<string, unknown> =>
  Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown]));
const root = join(import.meta.dirname, '..');
const { presets } = parsePresets(readJson(join(root, 'seeds', 'presets')));
const { lessons, errors } = parseLessons(
  readJson(join(root, 'lessons')),
  presets.map((p) => p.id),
);
const catalog = buildCatalog();

/** Every text of a lesson a learner reads. */
function textsOf(lesson: Lesson): string[] {
  return lesson.steps.flatMap((s) => (s.kind === 'predict' ? [s.question, ...s.choices.map((c) => c.text)] : s.kind === 'run' ? [s.body, s.look.say] : [s.body]));
}

describe('lesson files', () => {
  it('all parse and name presets that exist', () => {
    expect(errors).toEqual([]);
    expect(lessons.length).toBeGreaterThanOrEqual(5);
  });

  it.each(lessons.map((l) => [l.id, l] as const))('%s: every run and its control validate and differ, and point at a chart that exists', (_id, lesson) => {
    lesson.steps.forEach((step, i) => {
      if (step.kind !== 'run') return;
      const setup = runSetupOf(lesson, i, presets);
      expect(setup, `step ${i + 1}`).not.toBeNull();
      if (!setup) return;
      const run = validateConfig(mergeLinkConfig(DEFAULT_CONFIG, { ...setup.config, stopAt: setup.budget }), catalog);
      expect(run.ok ? [] : run.errors, `step ${i + 1}`).toEqual([]);
      if (!run.ok) return;
      const control = validateConfig(applyFlip(run.config, setup.control, catalog), catalog);
      expect(control.ok ? [] : control.errors, `step ${i + 1}'s control`).toEqual([]);
      if (control.ok) expect(control.config, `step ${i + 1}'s control`).not.toEqual(run.config);
      if (step.look.chart.startsWith('term:')) {
        const id = step.look.chart.slice(5);
        const term = catalog.terms.find((t) => t.id === id);
        expect(term && term.chart.kind !== 'none', `step ${i + 1} points at the chart of ${id}`).toBe(true);
        expect([run.config.objective, ...run.config.methods], `step ${i + 1}: ${id} is in the run, so its chart is drawn`).toContain(id);
      }
    });
  });

  it.each(lessons.map((l) => [l.id, l] as const))('%s: every formula typesets', (_id, lesson) => {
    const formulas = textsOf(lesson).flatMap(formulasIn);
    for (const tex of formulas) expect(() => katex.renderToString(tex, { throwOnError: true, strict: 'error' }), tex).not.toThrow();
  });
});
