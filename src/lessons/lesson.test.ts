import { describe, expect, it } from 'vitest';
import type { Preset } from '../compare/preset';
import { lessonShape, parseLessons, stepOrderErrors, type Lesson, type LessonStep } from './lesson';
import { predictionVerdict, questionIndexFor, runIndexFor, runSetupOf } from './lessonFlow';

const text = (title = 'Read'): LessonStep => ({ kind: 'text', title, body: 'Some text.' });
const predict = (claimed: number | null = 1): LessonStep => ({
  kind: 'predict',
  title: 'Guess',
  question: 'What happens?',
  choices: [
    { text: 'a', claimed: claimed === 0 },
    { text: 'b', claimed: claimed === 1 },
  ],
});
const run = (preset = 'demo'): LessonStep => ({ kind: 'run', title: 'Run', body: 'Play.', preset, look: { chart: 'rank', say: 'RankMe' } });
const reveal: LessonStep = { kind: 'reveal', title: 'Answer', body: 'Because.' };
const lessonFile = (steps: LessonStep[]): unknown => ({ title: 'T', summary: 'S', order: 1, steps });

describe('the lesson schema', () => {
  it('accepts a lesson that asks, runs and reveals', () => {
    expect(lessonShape.safeParse(lessonFile([text(), predict(), run(), reveal, text()])).success).toBe(true);
  });

  const bad: [string, unknown, RegExp][] = [
    ['an unknown step kind', lessonFile([text(), { kind: 'quiz', title: 'x' } as unknown as LessonStep]), /kind/],
    ['an unknown field (a typo)', { ...(lessonFile([text(), text()]) as object), titel: 'x' }, /titel|Unrecognized/],
    ['one choice', lessonFile([{ ...predict(), choices: [{ text: 'only' }] } as LessonStep, run(), reveal]), /too_small|>=2|at least 2/i],
    ['two claimed choices', lessonFile([{ ...predict(), choices: [{ text: 'a', claimed: true }, { text: 'b', claimed: true }] } as LessonStep, run(), reveal]), /at most one choice/],
    ['a question with no run after it', lessonFile([text(), predict()]), /needs a run after it/],
    ['two questions in a row', lessonFile([predict(), predict(), run(), reveal]), /put a run between two questions/],
    ['a reveal before any run', lessonFile([text(), reveal, run()]), /a run must come before it/],
    ['a question answered by a reveal instead of a run', lessonFile([run(), predict(), reveal]), /followed by its run before a reveal/],
    ['a run with neither preset nor setup', lessonFile([text(), { kind: 'run', title: 'R', body: 'b', look: { chart: 'rank', say: 's' } } as LessonStep]), /names a preset or carries a setup/],
    ['a chart that does not exist', lessonFile([text(), { ...run(), look: { chart: 'pie', say: 's' } } as LessonStep]), /a chart is one of/],
    ['a setup with an invalid claim', lessonFile([text(), { kind: 'run', title: 'R', body: 'b', setup: { config: {}, control: { kind: 'method', id: 'imsvd' }, budget: 10, claims: [{ kind: 'level', run: 'main', level: 'fine' }] }, look: { chart: 'rank', say: 's' } } as unknown as LessonStep]), /claims/],
    ['a negative budget', lessonFile([text(), { ...run(), budget: -5 } as LessonStep]), /budget/],
  ];
  it.each(bad)('refuses %s with a sentence', (_name, file, message) => {
    const r = parseLessons({ 'lessons/bad.json': file }, ['demo']);
    expect(r.lessons).toEqual([]);
    expect(r.errors.join(' ')).toMatch(/^Lesson bad: /);
    expect(r.errors.join(' ')).toMatch(message);
  });

  it('refuses a lesson that names a preset that is not shipped, and sorts the rest by order', () => {
    const r = parseLessons(
      {
        'lessons/b.json': { ...(lessonFile([text(), run('demo')]) as object), order: 2 },
        'lessons/a.json': { ...(lessonFile([text(), run('demo')]) as object), order: 3 },
        'lessons/c.json': { ...(lessonFile([text(), run('gone')]) as object), order: 1 },
      },
      ['demo'],
    );
    expect(r.lessons.map((l) => l.id)).toEqual(['b', 'a']);
    expect(r.errors).toEqual(['Lesson c: step 2 names preset "gone", which does not exist or is not valid.']);
  });

  it('lists every ordering problem of a list of steps', () => {
    expect(stepOrderErrors([text(), predict(), run(), reveal])).toEqual([]);
    expect(stepOrderErrors([reveal, predict(), predict()])).toHaveLength(3);
  });
});

describe('the lesson flow', () => {
  const steps = [text(), predict(), text(), run('demo'), reveal, run('other'), reveal, text()];

  it('finds the run each step shows', () => {
    expect(steps.map((_s, i) => runIndexFor(steps, i))).toEqual([null, 3, null, 3, 3, 5, 5, null]);
    expect(runIndexFor(steps, 99)).toBeNull();
  });

  it('finds the question a run answers, never across another run', () => {
    expect(questionIndexFor(steps, 3)).toBe(1);
    expect(questionIndexFor(steps, 5)).toBeNull();
  });

  const preset: Preset = {
    id: 'demo',
    title: 'Demo',
    description: 'd',
    config: { objective: 'naive' },
    control: { kind: 'objective', id: 'vicreg' },
    budget: 300,
    look: 'the preset look',
    claims: [{ kind: 'level', run: 'main', level: 'collapsed' }],
  };
  const lesson: Lesson = {
    id: 'l',
    title: 'L',
    summary: 's',
    order: 1,
    steps: [
      { ...run('demo'), budget: 120 } as LessonStep,
      {
        kind: 'run',
        title: 'Own',
        body: 'Own run.',
        setup: { config: { objective: 'barlow' }, control: { kind: 'objective', id: 'naive' }, budget: 40, claims: [{ kind: 'level', run: 'main', level: 'healthy' }] },
        look: { chart: 'spectrum', say: 'the spectrum' },
      },
      run('gone'),
      text(),
    ],
  };

  it('loads a preset with the step budget and look, or the step’s own setup, shaped as a preset', () => {
    expect(runSetupOf(lesson, 0, [preset])).toEqual({ ...preset, budget: 120, look: 'RankMe' });
    expect(runSetupOf(lesson, 1, [preset])).toMatchObject({ id: 'l-2', title: 'Own', budget: 40, config: { objective: 'barlow' }, look: 'the spectrum' });
    expect(runSetupOf(lesson, 2, [preset])).toBeNull();
    expect(runSetupOf(lesson, 3, [preset])).toBeNull();
  });

  it('reads a prediction against the run’s claims', () => {
    const q = predict(1) as Extract<LessonStep, { kind: 'predict' }>;
    expect(predictionVerdict(q, 1, [true, true], false)).toBe('pending');
    expect(predictionVerdict(q, 1, [true, true], true)).toBe('right');
    expect(predictionVerdict(q, 0, [true, true], true)).toBe('wrong');
    expect(predictionVerdict(q, 1, [true, false], true)).toBe('unsettled');
    expect(predictionVerdict(predict(null) as typeof q, 0, [true], true)).toBe('open');
  });
});
