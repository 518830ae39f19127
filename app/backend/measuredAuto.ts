/**
 * Auto means measured. With the backend on Auto the engine starts on its best guess
 * (src/backend/chooseBackend.ts), the charts appear at once, and meanwhile short-lived probe
 * engines time warm steps of the same run on every backend that starts, one after another.
 * When one is clearly faster, the run moves there (the engine's `useBackend`, keeping weights,
 * step and history) with a notice, and the banner shows what was measured. Results are kept per
 * adapter and run shape (localStorage) and measured again when either changes.
 */
import { fasterBackend, speedKey, type MeasuredSpeeds } from '../../src/backend/autoChoice';
import type { BackendId, RunConfig } from '../../src/config';
import type { BackendInfo, WorkerEvent } from '../../src/protocol';
import { sendOwnCommand } from '../engine/engineClient';
import { WorkerConnection } from '../engine/workerConnection';
import { configStore } from '../store/configStore';
import { runStore } from '../store/runStore';
import { PROBE_TIMEOUT_MS } from './probeOutcome';

/** The backends probed (plain JS is never the fastest). */
const PROBED: readonly BackendId[] = ['wasm', 'webgl', 'webgpu'];
/** Warm steps timed per backend, and the most time one probe may take. */
const PROBE_STEPS = 12;
const PROBE_SECONDS = 10;
const STORAGE_PREFIX = 'collapse-lab:auto-speeds:';

/** What the banner shows. */
export interface AutoSpeeds {
  measured: MeasuredSpeeds;
  /** The backend being timed now, or null when done. */
  measuring: BackendId | null;
  /** WebGPU runs on a software adapter here. */
  emulatedWebgpu: boolean;
  /** Backends that started but gave no timing within PROBE_TIMEOUT_MS (their speed reads 0); this visit only. */
  tooSlow?: BackendId[];
}

let measuringKey: string | null = null;
let started = false;
/** The WebGPU adapter seen so far (main engine or a probe): part of the key, and it does not change when the run moves. */
let knownAdapter: string | null = null;

/** A short adapter description for the key. */
function adapterName(info: BackendInfo | null): string {
  const a = info?.adapter;
  if (a) knownAdapter = `${a.vendor}|${a.architecture}|${a.description}|${a.isFallbackAdapter}`;
  return knownAdapter ?? 'no-adapter-seen';
}

/** The stored measurement for a key, or null. */
function stored(key: string): MeasuredSpeeds | null {
  try {
    const raw = localStorage.getItem(STORAGE_PREFIX + key);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (!parsed || typeof parsed !== 'object') return null;
    const out: MeasuredSpeeds = {};
    for (const id of PROBED) {
      const v = (parsed as Record<string, unknown>)[id];
      if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[id] = v;
    }
    return out;
  } catch {
    // Storage blocked or a damaged value: measure again.
    return null;
  }
}

/**
 * Times warm steps of `config` on `backend` in a throwaway engine: 0 when it does not start there,
 * or (`tooSlow`) when it started but gave no timing within PROBE_TIMEOUT_MS. `emulated`: the
 * backend's adapter is a software one (known as soon as it starts).
 */
function probe(config: RunConfig, backend: BackendId): Promise<{ speed: number; emulated: boolean; tooSlow: boolean }> {
  return new Promise((resolve) => {
    let done = false;
    let started = false;
    let emulated = false;
    const finish = (speed: number, tooSlow = false): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      connection.terminate();
      resolve({ speed, emulated, tooSlow });
    };
    const connection = new WorkerConnection(`The speed probe (${backend})`, (ev: WorkerEvent) => {
      if (ev.type === 'ready') {
        if (ev.backend.id !== backend) return finish(0);
        started = true;
        emulated = ev.backend.adapter?.isFallbackAdapter === true;
      } else if (ev.type === 'status' && ev.state === 'idle') connection.send({ type: 'benchmark', steps: PROBE_STEPS, seconds: PROBE_SECONDS });
      else if (ev.type === 'benchmark') {
        emulated ||= ev.adapter?.isFallbackAdapter === true;
        finish(ev.stepsPerSecond);
      } else if (ev.type === 'notice' && ev.level === 'error') finish(0);
    });
    const timer = setTimeout(() => finish(0, started), PROBE_TIMEOUT_MS);
    connection.send({ type: 'configure', config: { ...config, backend, stopAt: 0, metricsEvery: 1000 } });
    if (!connection.start()) finish(0);
  });
}

/** Decides from speeds and tells the engine to move when another backend is clearly faster. */
function decide(speeds: MeasuredSpeeds): void {
  const current = runStore.getState().backend?.id;
  if (!current || configStore.getState().config.backend !== 'auto') return;
  const best = fasterBackend(current, speeds);
  if (!best) return;
  const fmt = (v: number | undefined): string => (v === undefined ? '?' : v.toFixed(v < 10 ? 1 : 0));
  sendOwnCommand({ type: 'useBackend', backend: best, why: `Auto measured ${fmt(speeds[best])} steps/s there against ${fmt(speeds[current])} on ${current} for this run.` });
}

/** Measures (or recalls) the speeds for the current run shape, then decides. */
async function measure(): Promise<void> {
  const { config } = configStore.getState();
  const { backend } = runStore.getState();
  if (config.backend !== 'auto' || !backend) return;
  const key = speedKey(config, adapterName(backend));
  if (measuringKey === key) return;
  const known = stored(key);
  if (known) {
    runStore.setState({ autoSpeeds: { measured: known, measuring: null, emulatedWebgpu: backend.adapter?.isFallbackAdapter === true } });
    decide(known);
    return;
  }
  measuringKey = key;
  const measured: MeasuredSpeeds = {};
  const tooSlow: BackendId[] = [];
  let emulatedWebgpu = backend.adapter?.isFallbackAdapter === true;
  for (const id of PROBED) {
    runStore.setState({ autoSpeeds: { measured: { ...measured }, measuring: id, emulatedWebgpu, tooSlow: [...tooSlow] } });
    const r = await probe(config, id);
    measured[id] = r.speed;
    if (r.tooSlow) tooSlow.push(id);
    if (id === 'webgpu') emulatedWebgpu ||= r.emulated;
    // The run changed shape while measuring: these numbers are for another run.
    if (speedKey(configStore.getState().config, adapterName(runStore.getState().backend)) !== key) {
      measuringKey = null;
      return;
    }
  }
  runStore.setState({ autoSpeeds: { measured, measuring: null, emulatedWebgpu, tooSlow } });
  try {
    localStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(measured));
  } catch {
    // Storage blocked: the measurement holds for this visit only.
  }
  measuringKey = null;
  decide(measured);
}

/** Starts measured Auto: once the main run has reported, and again whenever its shape changes. */
export function startMeasuredAuto(): void {
  if (started) return;
  started = true;
  let lastKey = '';
  runStore.subscribe((s) => {
    const { config } = configStore.getState();
    if (config.backend !== 'auto' || !s.backend || s.step === 0 || s.state === 'building') return;
    const key = speedKey(config, adapterName(s.backend));
    if (key === lastKey) return;
    lastKey = key;
    void measure();
  });
}
