/**
 * Twin runs: the main run's config with one toggle flipped, same seed, trained by a second
 * engine (its own worker) step for step with the main run, so the two curves grow together.
 * A twin follows the main run: Play, Pause, Step, Reset and every config change are sent to
 * it too (with its flip re-applied). Lockstep: each engine is held at most one metrics
 * interval ahead of the slowest (the engine's `hold` command). The presets' control runs are
 * twins too. A twin whose engine dies (app/engine/workerConnection.ts) says so and is stopped;
 * the main run trains on alone.
 */
import { applyFlip, flipLabels, type Flip } from '../../src/compare/flip';
import { needsRebuild, validateConfig, type RunConfig } from '../../src/config';
import type { Command, WorkerEvent } from '../../src/protocol';
import { onMainCommand, sendCommand, sendOwnCommand } from '../engine/engineClient';
import { sameValue } from '../engine/sameConfig';
import { WorkerConnection } from '../engine/workerConnection';
import { configStore } from '../store/configStore';
import { addNotice, runStore } from '../store/runStore';
import { addComparedRun, clearComparedMetrics, compareStore, COMPARED_COLORS, liveRuns, MAX_COMPARED, pushComparedMetrics, removeComparedRun, updateComparedRun } from './compareStore';
import { lockstepHold } from './lockstep';

/** The engines of the compared runs, by run id. */
const engines = new Map<string, WorkerConnection>();
/** The twins whose engine has reported since it built its run (its slow first steps are behind it, so silence means death). */
const warmTwins = new Set<string>();
/** The last hold sent to each engine ('main' included), to send only changes. */
const holds = new Map<string, number | null>();
let nextId = 1;
let following = false;

/** A twin's config: the main config with the flip, on the backend the main run really uses. */
function twinConfig(main: RunConfig, flip: Flip): RunConfig {
  const { catalog, backend } = runStore.getState();
  const flipped = catalog ? applyFlip(main, flip, catalog) : main;
  return { ...flipped, backend: main.backend === 'auto' && backend ? backend.id : main.backend };
}

/** Routes one event of a twin's engine into its entry. */
function handleTwinEvent(id: string, ev: WorkerEvent): void {
  const run = compareStore.getState().runs.find((r) => r.id === id);
  if (!run) return;
  switch (ev.type) {
    case 'status':
      updateComparedRun(id, { state: ev.state, step: ev.step });
      if (ev.step === 0 && (ev.state === 'building' || ev.state === 'idle')) clearComparedMetrics(id);
      if (ev.state === 'idle' || ev.state === 'paused') syncPlayState();
      break;
    case 'metrics':
      pushComparedMetrics(id, ev.report);
      updateComparedRun(id, { step: ev.report.step });
      break;
    case 'notice':
      if (ev.code !== 'budget-reached') addNotice(ev.level, ev.code, `Twin run (${run.label}): ${ev.message}`);
      break;
    case 'ready':
    case 'thumbnail':
      break;
  }
  if (ev.type === 'metrics') warmTwins.add(id);
  if (ev.type === 'ready' || (ev.type === 'status' && ev.state === 'building')) warmTwins.delete(id);
  engines.get(id)?.watch(warmTwins.has(id) && compareStore.getState().runs.find((r) => r.id === id)?.state === 'running');
  syncHolds();
}

/** A twin's engine died: say so and stop the twin (its reports so far go with it). */
function onTwinDeath(id: string, label: string, why: string): void {
  addNotice('error', 'internal', `Twin run (${label}): its engine stopped (${why}), so the twin was stopped; the main run trains on alone. Start the twin again to compare.`);
  stopTwin(id);
}

/** Sends each engine the step it may train up to: one metrics interval past the slowest run (pinned runs do not train, so they hold nothing back). */
export function syncHolds(): void {
  const runs = liveRuns().filter((r) => r.state !== 'error');
  const main = runStore.getState();
  const chunk = configStore.getState().config.metricsEvery;
  const until = runs.length === 0 ? null : lockstepHold([main.step, ...runs.map((r) => r.step)], chunk);
  const send = (id: string, deliver: (cmd: Command) => void): void => {
    if (holds.get(id) === until) return;
    holds.set(id, until);
    deliver({ type: 'hold', until });
  };
  send('main', sendOwnCommand);
  for (const r of runs) {
    const engine = engines.get(r.id);
    if (engine) send(r.id, (cmd) => engine.send(cmd));
  }
}

/**
 * Keeps each twin's play state with the main run's: a twin that was still being built when the
 * main run started (or was restarted by a preset) starts when it is ready, and pauses with it.
 */
export function syncPlayState(): void {
  const { state: main, step } = runStore.getState();
  const { stopAt } = configStore.getState().config;
  // A main run paused at its stop step is done, not paused: its twins train on to the same step.
  const mainDone = stopAt > 0 && step >= stopAt;
  for (const run of liveRuns()) {
    const engine = engines.get(run.id);
    if (!engine) continue;
    const twinDone = run.config.stopAt > 0 && run.step >= run.config.stopAt;
    if ((main === 'running' || mainDone) && (run.state === 'idle' || run.state === 'paused') && !twinDone) engine.send({ type: 'start' });
    else if ((main === 'paused' || main === 'idle') && !mainDone && run.state === 'running') engine.send({ type: 'pause' });
  }
}

/** Mirrors a main-run command to every twin (never to a pinned run: it has no engine). */
function follow(cmd: Command): void {
  for (const run of liveRuns()) {
    const engine = engines.get(run.id);
    if (!engine) continue;
    switch (cmd.type) {
      case 'start':
      case 'pause':
      case 'step':
      case 'reset':
        engine.send(cmd);
        break;
      case 'configure':
      case 'set': {
        const next = twinConfig(configStore.getState().config, run.flip);
        if (sameValue(next, run.config)) break;
        engine.send(needsRebuild(run.config, next) || cmd.type === 'configure' ? { type: 'configure', config: next } : { type: 'set', patch: next });
        updateComparedRun(run.id, { config: next });
        break;
      }
      case 'hold':
      case 'simulateDeviceLoss':
        break;
    }
  }
}

/**
 * Starts a twin of the main run with `flip`; both restart from step 0 with the same seed so
 * they can be compared step for step. Returns why not, or null.
 */
export function startTwin(flip: Flip): string | null {
  const { catalog, state } = runStore.getState();
  if (!catalog) return 'The engine is still starting; try again in a moment.';
  if (liveRuns().length >= MAX_COMPARED) return `At most ${MAX_COMPARED} runs can train beside this one; stop one first.`;
  const main = configStore.getState().config;
  const candidate = twinConfig(main, flip);
  const checked = validateConfig(candidate, catalog);
  if (!checked.ok) return `That twin cannot run: ${checked.errors.join(' ')}`;
  if (sameValue(checked.config, main)) return 'That change leaves the run as it is; choose another.';
  if (!following) {
    following = true;
    onMainCommand(follow);
    runStore.subscribe((s, prev) => {
      if (s.step !== prev.step || s.state !== prev.state) syncHolds();
      if (s.state !== prev.state) syncPlayState();
    });
  }
  const id = `twin-${nextId++}`;
  const [mainLabel, label] = flipLabels(main, flip, catalog);
  const used = new Set(liveRuns().map((r) => r.color));
  const color = COMPARED_COLORS.find((c) => !used.has(c)) ?? COMPARED_COLORS[0];
  // Both from step 0: the main run restarts (before the twin exists, so the reset is not mirrored to it).
  sendCommand({ type: 'reset' });
  addComparedRun({ id, live: true, flip, label, mainLabel, color, config: checked.config, state: 'booting', step: 0 });
  const engine = new WorkerConnection(`The twin run's engine (${label})`, (ev) => handleTwinEvent(id, ev), (why) => onTwinDeath(id, label, why));
  engines.set(id, engine);
  holds.delete(id);
  engine.send({ type: 'configure', config: checked.config });
  if (state === 'running') engine.send({ type: 'start' });
  if (!engine.start()) {
    stopTwin(id);
    return 'The twin run could not start its engine.';
  }
  syncHolds();
  return null;
}

/** Stops a twin and forgets it; the main run trains on alone. */
export function stopTwin(id: string): void {
  engines.get(id)?.terminate();
  engines.delete(id);
  holds.delete(id);
  warmTwins.delete(id);
  removeComparedRun(id);
  syncHolds();
}

/** Stops every twin (pinned runs stay). */
export function stopAllTwins(): void {
  for (const run of liveRuns()) stopTwin(run.id);
}
