/**
 * A guided lesson, as the files in lessons/*.json hold it: short steps that explain (text),
 * ask the learner to predict (predict), train a run against its control (run) and show what
 * the run measured (reveal). A run's answer is never written in the file: it is the claims of
 * its setup (a demo preset of seeds/presets/, or a setup of its own in the same shape) checked
 * against the two runs by src/compare/claim.ts. Checked at build time (the unit suite and the
 * app's import). Pure: no tfjs, no DOM.
 */
import { z } from '../util/zod';
import { presetShape } from '../compare/preset';

/** Charts a step can point at: the collapse charts, the vitals, or a term's own chart (`term:<id>`). */
export const LOOK_CHARTS = ['spectrum', 'rank', 'loss', 'std', 'accuracy', 'vitals'] as const;

/** A chart name: one of LOOK_CHARTS or `term:<term id>`. */
const chartShape = z.string().regex(new RegExp(`^(${LOOK_CHARTS.join('|')}|term:[A-Za-z]\\w*)$`), `a chart is one of ${LOOK_CHARTS.join(', ')} or term:<term id>`);

/** Text a learner reads: paragraphs, **bold**, *italic*, `code`, $inline$ and $$display$$ math (src/lessons/richText.ts). */
const richTextShape = z.string().min(1).max(4000);

/** A run of the lesson's own: a partial config, its control, its budget and its claims, as a preset has them. */
export const runSetupShape = presetShape.pick({ config: true, control: true, budget: true, claims: true, notShown: true }).strict();

/** One choice of a prediction. */
const choiceShape = z
  .object({
    text: z.string().min(1).max(300),
    /** This choice is what the run's claims say will happen (at most one per question; none for an open question). */
    claimed: z.boolean().optional(),
  })
  .strict();

/** The step kinds. */
export const stepShape = z.discriminatedUnion('kind', [
  /** Something to read. */
  z.object({ kind: z.literal('text'), title: z.string().min(1).max(120), body: richTextShape }).strict(),
  /** A question to answer before the next run may start. */
  z
    .object({
      kind: z.literal('predict'),
      title: z.string().min(1).max(120),
      question: richTextShape,
      choices: z.array(choiceShape).min(2).max(6),
    })
    .strict(),
  /** Load a run with its control, train both to the budget, and point at a chart. */
  z
    .object({
      kind: z.literal('run'),
      title: z.string().min(1).max(120),
      body: richTextShape,
      /** A demo preset's id (seeds/presets/<id>.json)… */
      preset: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a preset id is lower-case letters, digits and dashes').optional(),
      /** …or a setup of the lesson's own. */
      setup: runSetupShape.optional(),
      /** Train to this step instead of the preset's budget. */
      budget: z.number().int().positive().max(100_000).optional(),
      /** Which chart to watch, and what to look for there. */
      look: z.object({ chart: chartShape, say: z.string().min(1).max(400) }).strict(),
    })
    .strict(),
  /** What the run measured: its claims checked against the control, with the numbers. */
  z.object({ kind: z.literal('reveal'), title: z.string().min(1).max(120), body: richTextShape }).strict(),
]);

/** One step. */
export type LessonStep = z.infer<typeof stepShape>;
/** A run step. */
export type RunStep = Extract<LessonStep, { kind: 'run' }>;
/** A prediction step. */
export type PredictStep = Extract<LessonStep, { kind: 'predict' }>;

/** Why a list of steps does not make a lesson (each run has one setup, each question is answered by a run, each reveal has a run before it). */
export function stepOrderErrors(steps: readonly LessonStep[]): string[] {
  const errors: string[] = [];
  let openQuestion: number | null = null;
  let sawRun = false;
  steps.forEach((step, i) => {
    const at = `step ${i + 1}`;
    switch (step.kind) {
      case 'predict':
        if (openQuestion !== null) errors.push(`${at}: step ${openQuestion + 1}'s question has no run after it yet; put a run between two questions.`);
        if (step.choices.filter((c) => c.claimed).length > 1) errors.push(`${at}: at most one choice can be the claimed one.`);
        openQuestion = i;
        break;
      case 'run':
        if ((step.preset === undefined) === (step.setup === undefined)) errors.push(`${at}: a run names a preset or carries a setup (one of the two).`);
        openQuestion = null;
        sawRun = true;
        break;
      case 'reveal':
        if (!sawRun) errors.push(`${at}: a reveal shows a run's answer, so a run must come before it.`);
        if (openQuestion !== null) errors.push(`${at}: step ${openQuestion + 1}'s question must be followed by its run before a reveal.`);
        break;
      case 'text':
        break;
    }
  });
  if (openQuestion !== null) errors.push(`step ${openQuestion + 1}: a question needs a run after it.`);
  return errors;
}

/** One lesson file. */
export const lessonShape = z
  .object({
    title: z.string().min(1).max(120),
    /** One or two sentences: what the learner will see. */
    summary: z.string().min(1).max(400),
    /** Where it comes in the lesson menu (lower first). */
    order: z.number().int().min(0).max(1000),
    steps: z.array(stepShape).min(2).max(40),
  })
  .strict()
  .superRefine((lesson, ctx) => {
    for (const message of stepOrderErrors(lesson.steps)) ctx.addIssue({ code: 'custom', path: ['steps'], message });
  });

/** One lesson file's content. */
export type LessonFile = z.infer<typeof lessonShape>;

/** A lesson ready to open: its file content and its id (the file name). */
export type Lesson = LessonFile & { id: string };

/** The id a lesson file's path gives it (`lessons/collapse.json` -> `collapse`). */
export function lessonIdOf(path: string): string {
  return path.split('/').pop()?.replace(/\.json$/, '') ?? path;
}

/** Parses lesson files (path -> content) against the schema and the preset ids that exist; returns the good ones (in menu order) and a sentence per bad one. */
export function parseLessons(raw: Record<string, unknown>, presetIds: readonly string[]): { lessons: Lesson[]; errors: string[] } {
  const lessons: Lesson[] = [];
  const errors: string[] = [];
  for (const [path, content] of Object.entries(raw).sort(([a], [b]) => a.localeCompare(b))) {
    const id = lessonIdOf(path);
    const parsed = lessonShape.safeParse(content);
    if (!parsed.success) {
      errors.push(`Lesson ${id}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`);
      continue;
    }
    const missing = parsed.data.steps.flatMap((s, i) => (s.kind === 'run' && s.preset !== undefined && !presetIds.includes(s.preset) ? [`step ${i + 1} names preset "${s.preset}", which does not exist or is not valid`] : []));
    if (missing.length > 0) errors.push(`Lesson ${id}: ${missing.join('; ')}.`);
    else lessons.push({ id, ...parsed.data });
  }
  lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { lessons, errors };
}
