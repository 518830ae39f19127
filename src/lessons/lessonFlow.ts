/**
 * How a lesson's steps hang together: which run a step shows (a question shows the run after
 * it, a reveal the last run before it), which question a run answers, the setup a run step
 * loads (a preset, or the step's own), and what a revealed run says about the learner's
 * prediction. Pure: no tfjs, no DOM.
 */
import type { Preset } from '../compare/preset';
import type { Lesson, LessonStep, PredictStep } from './lesson';

/** The index of the run step whose run `index` shows, or null (text steps show none). */
export function runIndexFor(steps: readonly LessonStep[], index: number): number | null {
  const step = steps[index];
  if (!step) return null;
  switch (step.kind) {
    case 'run':
      return index;
    case 'predict': {
      const next = steps.findIndex((s, i) => i > index && s.kind === 'run');
      return next < 0 ? null : next;
    }
    case 'reveal': {
      for (let i = index - 1; i >= 0; i--) if (steps[i]!.kind === 'run') return i;
      return null;
    }
    case 'text':
      return null;
  }
}

/** The index of the question run step `runIndex` answers (the predict step since the previous run), or null. */
export function questionIndexFor(steps: readonly LessonStep[], runIndex: number): number | null {
  for (let i = runIndex - 1; i >= 0; i--) {
    const kind = steps[i]!.kind;
    if (kind === 'predict') return i;
    if (kind === 'run') return null;
  }
  return null;
}

/**
 * The setup run step `runIndex` loads, shaped as a preset (so it is applied like one), or
 * null when the step is not a run or names a preset that is not among `presets`.
 */
export function runSetupOf(lesson: Lesson, runIndex: number, presets: readonly Preset[]): Preset | null {
  const step = lesson.steps[runIndex];
  if (!step || step.kind !== 'run') return null;
  const base = step.preset !== undefined ? presets.find((p) => p.id === step.preset) : step.setup && { id: `${lesson.id}-${runIndex + 1}`, title: step.title, description: step.body, ...step.setup };
  if (!base) return null;
  return { ...base, look: step.look.say, budget: step.budget ?? base.budget };
}

/** What a finished run says about the learner's prediction. */
export type PredictionVerdict =
  /** The run has not reached its budget yet. */
  | 'pending'
  /** Every claim held and the learner picked the claimed choice (or not). */
  | 'right'
  | 'wrong'
  /** An open question: no choice is claimed, the numbers speak for themselves. */
  | 'open'
  /** A claim did not hold on this run, so it cannot settle the question. */
  | 'unsettled';

/** Reads the learner's `chosen` answer to `question` against the run's claims (`holds`, one per claim). */
export function predictionVerdict(question: PredictStep, chosen: number | undefined, holds: readonly boolean[], done: boolean): PredictionVerdict {
  if (!done) return 'pending';
  const claimed = question.choices.findIndex((c) => c.claimed === true);
  if (!holds.every(Boolean)) return 'unsettled';
  if (claimed < 0) return 'open';
  return chosen === claimed ? 'right' : 'wrong';
}
