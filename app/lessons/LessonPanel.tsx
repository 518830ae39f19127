/**
 * The open lesson, beside the charts: the step's text, its question (Play waits for an
 * answer), its run's progress and the chart to watch (outlined and scrolled to), and its
 * reveal: the run's claims checked against its control with the measured numbers, what that
 * says about the learner's prediction, and what the run does not show. Back / Next move
 * between steps; the step is in the share link.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { ClaimResult } from '../../src/compare/claim';
import type { Preset } from '../../src/compare/preset';
import type { LessonStep, PredictStep, RunStep } from '../../src/lessons/lesson';
import { predictionVerdict, questionIndexFor, runIndexFor } from '../../src/lessons/lessonFlow';
import { sameValue } from '../engine/sameConfig';
import { useConfigStore, useRunStore } from '../store/hooks';
import { chartName } from './lookChart';
import { answer, answerLocked, awaitsPrediction, closeLesson, goToStep, lessonStore, playRun, reloadRun, setupOf, type LessonState } from './lessonStore';
import { RichText } from './RichText';
import { useLessonRun, type LessonRun } from './useLessonRun';
import { lookedAtTestId } from './useLookedAt';

/** Scrolls the chart with data-testid `id` into view when `scroll` (waiting a little for it to mount); the chart outlines itself (app/lessons/useLookedAt.ts). */
function useScrollIntoView(id: string | null, scroll: boolean): void {
  useEffect(() => {
    if (!id || !scroll) return;
    let frame = 0;
    let tries = 0;
    const find = (): void => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      if (el) el.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
      else if (tries++ < 120) frame = requestAnimationFrame(find);
    };
    find();
    return () => cancelAnimationFrame(frame);
  }, [id, scroll]);
}

/** "Step x of y" for the run and its control, with a bar. */
function Progress({ run, budget }: { run: LessonRun; budget: number }) {
  const slowest = Math.min(run.mainStep, run.controlStep ?? run.mainStep, budget);
  return (
    <div className="lesson__progress" data-testid="lesson-progress">
      <progress max={budget} value={slowest} aria-label="Training progress" />
      <span>
        Step {Math.min(run.mainStep, budget)} of {budget}
        {run.controlStep !== null && `, its control (${run.controlLabel}) at ${Math.min(run.controlStep, budget)}`}
      </span>
    </div>
  );
}

/** The Play button of the shown run (nothing once it is training or done); `then` runs after it started the run. */
function PlayButton({ run, setup, label, then }: { run: LessonRun; setup: Preset | null; label?: string; then?: () => void }) {
  const state = useRunStore((s) => s.state);
  const waits = useStore(lessonStore, awaitsPrediction);
  if (!setup || run.done || state === 'running') return null;
  const ready = state === 'idle' || state === 'paused';
  return (
    <button type="button" className="btn btn--primary" data-testid="lesson-play" disabled={!ready || waits}
      onClick={() => {
        playRun();
        then?.();
      }}
      title={waits ? 'Make your prediction first' : `Trains both runs to step ${setup.budget}`}>
      ▶ {label ?? (run.mainStep > 0 ? 'Resume' : 'Play')}
    </button>
  );
}

/** A question step. */
function PredictView({ step, index, state, run, setup }: { step: PredictStep; index: number; state: LessonState; run: LessonRun; setup: Preset | null }) {
  const chosen = state.answers[index];
  const locked = answerLocked(state, index, run.mainStep);
  const runIndex = runIndexFor(state.lesson?.steps ?? [], index);
  return (
    <>
      <RichText text={step.question} />
      <fieldset className="lesson__choices" disabled={locked} data-testid="lesson-choices">
        <legend className="lesson__legend">Your prediction</legend>
        {step.choices.map((c, i) => (
          <label key={i} className={`lesson__choice${chosen === i ? ' is-chosen' : ''}`}>
            <input type="radio" name={`lesson-${index}`} checked={chosen === i} onChange={() => answer(index, i)} data-testid={`lesson-choice-${i}`} />
            <span>{c.text}</span>
          </label>
        ))}
      </fieldset>
      {locked ? (
        <p className="lesson__hint">Your prediction is locked in: the run has started.</p>
      ) : (
        <div className="lesson__actions">
          <PlayButton run={run} setup={setup} label="Play: lock in my prediction" then={() => runIndex !== null && goToStep(runIndex)} />
          {chosen === undefined && <span className="lesson__hint">Pick an answer first: Play waits for it.</span>}
        </div>
      )}
    </>
  );
}

/** A run step. */
function RunView({ step, state, run, setup }: { step: RunStep; state: LessonState; run: LessonRun; setup: Preset | null }) {
  const catalog = useRunStore((s) => s.catalog);
  const waits = awaitsPrediction(state);
  const runIndex = runIndexFor(state.lesson?.steps ?? [], state.index);
  const question = runIndex === null ? null : questionIndexFor(state.lesson?.steps ?? [], runIndex);
  return (
    <>
      <RichText text={step.body} />
      <p className="lesson__look" data-testid="lesson-look">
        <strong>Watch {chartName(step.look.chart, catalog)}:</strong> {step.look.say}
      </p>
      {setup && <Progress run={run} budget={setup.budget} />}
      <div className="lesson__actions">
        <PlayButton run={run} setup={setup} />
        {waits && question !== null && (
          <span className="lesson__hint">
            Answer the question of step {question + 1} first.{' '}
            <button type="button" className="btn btn--link" onClick={() => goToStep(question)}>
              Go to the question
            </button>
          </span>
        )}
        {run.done && <span className="lesson__hint">Both runs reached step {setup?.budget}: on to the answer.</span>}
      </div>
    </>
  );
}

/** One claim with its mark: ✓ held, ✗ did not (once the run is done), … not yet. */
function ClaimLine({ result, done }: { result: ClaimResult; done: boolean }) {
  const mark = result.holds ? '✓' : done ? '✗' : '…';
  return (
    <li className={result.holds ? 'claim claim--holds' : done ? 'claim claim--fails' : 'claim'} data-holds={String(result.holds)}>
      <span aria-hidden="true">{mark}</span> {result.text}
    </li>
  );
}

/** What the run says about the learner's prediction. */
function Verdict({ question, chosen, run, budget }: { question: PredictStep | null; chosen: number | undefined; run: LessonRun; budget: number }) {
  const holds = run.results.map((r) => r.holds);
  if (!run.done) return <p className="lesson__verdict">The run is at step {Math.min(run.mainStep, budget)} of {budget}: the answer is read from it when both runs get there.</p>;
  if (!holds.every(Boolean)) {
    const failed = run.results.filter((r) => !r.holds).map((r) => r.text);
    return (
      <p className="lesson__verdict lesson__verdict--unsettled" data-verdict="unsettled">
        On this run it did not: {failed.join('; ')}. So this run cannot settle the question; the numbers below are what it measured.
      </p>
    );
  }
  if (!question) return null;
  const verdict = predictionVerdict(question, chosen, holds, run.done);
  const claimed = question.choices.find((c) => c.claimed)?.text;
  const text =
    verdict === 'right' ? '✓ The run agrees with your prediction.' : verdict === 'wrong' ? `✗ The run says otherwise: “${claimed ?? ''}”.` : 'An open question: the numbers below are what this run measured.';
  return (
    <p className={`lesson__verdict lesson__verdict--${verdict}`} data-verdict={verdict}>
      {text}
    </p>
  );
}

/** A reveal step. */
function RevealView({ step, state, run, setup }: { step: Extract<LessonStep, { kind: 'reveal' }>; state: LessonState; run: LessonRun; setup: Preset | null }) {
  const steps = state.lesson?.steps ?? [];
  const runIndex = runIndexFor(steps, state.index);
  const questionIndex = runIndex === null ? null : questionIndexFor(steps, runIndex);
  const question = questionIndex === null ? null : steps[questionIndex];
  const predict = question?.kind === 'predict' ? question : null;
  const chosen = questionIndex === null ? undefined : state.answers[questionIndex];
  return (
    <>
      {predict && (
        <p className="lesson__prediction" data-testid="lesson-prediction">
          {chosen === undefined ? 'You made no prediction for this run.' : `You predicted: “${predict.choices[chosen]?.text ?? ''}”`}
        </p>
      )}
      {setup && <Verdict question={predict} chosen={chosen} run={run} budget={setup.budget} />}
      <ul className="lesson__claims" data-testid="lesson-claims" aria-label="What the run measured">
        {run.results.map((r, i) => (
          <ClaimLine key={i} result={r} done={run.done} />
        ))}
      </ul>
      <div className="lesson__actions">
        <PlayButton run={run} setup={setup} />
      </div>
      <RichText text={step.body} />
      {setup?.notShown && (
        <p className="lesson__not-shown">
          <strong>Not shown here:</strong> {setup.notShown}
        </p>
      )}
    </>
  );
}

/** Whether Next may leave the shown step: a question needs an answer, a run its budget. */
function canLeave(step: LessonStep, state: LessonState, run: LessonRun): boolean {
  if (step.kind === 'predict') return state.answers[state.index] !== undefined;
  if (step.kind === 'run') return run.done;
  return true;
}

/** The lesson panel (nothing when no lesson is open). */
export function LessonPanel() {
  const state = useStore(lessonStore);
  const config = useConfigStore((s) => s.config);
  const runIndex = state.lesson ? runIndexFor(state.lesson.steps, state.index) : null;
  const setup = setupOf(state, runIndex);
  const run = useLessonRun(setup);
  useScrollIntoView(lookedAtTestId(state), state.lesson?.steps[state.index]?.kind !== 'predict');
  const { lesson, index } = state;
  if (!lesson) return null;
  const step = lesson.steps[index]!;
  const changed = state.loadedConfig !== null && runIndex !== null && !sameValue({ ...config, backend: '' }, { ...state.loadedConfig, backend: '' });
  const last = index === lesson.steps.length - 1;
  return (
    <aside className="lesson" data-testid="lesson-panel" data-step={index + 1} data-kind={step.kind} aria-label={`Lesson: ${lesson.title}`}>
      <header className="lesson__header">
        <div>
          <p className="lesson__kicker">Lesson · step {index + 1} of {lesson.steps.length}</p>
          <h2>{lesson.title}</h2>
        </div>
        <button type="button" className="btn" onClick={closeLesson} aria-label="Close the lesson">
          Close
        </button>
      </header>
      <progress className="lesson__bar" max={lesson.steps.length} value={index + 1} aria-hidden="true" />
      <h3 className="lesson__title" data-testid="lesson-step-title">
        {step.kind === 'predict' ? 'Predict: ' : ''}
        {step.title}
      </h3>
      {changed && (
        <p className="lesson__changed" role="status">
          You changed the setup since this step loaded it, so what follows is about your run, not the lesson's.{' '}
          <button type="button" className="btn btn--link" onClick={reloadRun}>
            Load the lesson's run again
          </button>
        </p>
      )}
      <div className="lesson__body">
        {step.kind === 'text' && <RichText text={step.body} />}
        {step.kind === 'predict' && <PredictView step={step} index={index} state={state} run={run} setup={setup} />}
        {step.kind === 'run' && <RunView step={step} state={state} run={run} setup={setup} />}
        {step.kind === 'reveal' && <RevealView step={step} state={state} run={run} setup={setup} />}
      </div>
      <nav className="lesson__nav" aria-label="Lesson steps">
        <button type="button" className="btn" data-testid="lesson-back" disabled={index === 0} onClick={() => goToStep(index - 1)}>
          ← Back
        </button>
        {last ? (
          <button type="button" className="btn btn--primary" data-testid="lesson-finish" onClick={closeLesson}>
            Finish
          </button>
        ) : (
          <button type="button" className="btn btn--primary" data-testid="lesson-next" disabled={!canLeave(step, state, run)} onClick={() => goToStep(index + 1)}>
            Next →
          </button>
        )}
      </nav>
    </aside>
  );
}
