/**
 * The engine: owns the backend, the dataset and the trainer, runs the training loop
 * and answers the UI's commands. It is framework-free and transport-free (events go
 * through `post`), so the worker entry is three lines and Node tests drive it directly.
 */
import { chooseBackend, type BackendChoice } from './backend/chooseBackend';
import { waitForGpu } from './backend/waitForGpu';
import type { Catalog, DatasetSpec } from './catalog';
import { needsRebuild, validateConfig, type BackendId, type RunConfig } from './config';
import type { DatasetSource, FetchBytes, LoadedDataset } from './data/dataset';
import { importedSources, openImportedStorage } from './data/import/importedSources';
import { isUserDatasetId } from './data/import/storedDataset';
import { DATASETS, datasetSource, datasetSpecs } from './data/registry';
import { readMetrics } from './metricsReader';
import { modelSpecs } from './models/registry';
import { termSpecs } from './objectives/registry';
import type { Command, NamedTensor, NoticeCode, RunState, WorkerEvent } from './protocol';
import type { Storage } from './storage/store';
import { Trainer, type WeightSnapshot } from './trainer';
import { FETCH_TIMEOUT_MS } from './util/siteUrl';
import { withTimeout } from './util/withTimeout';

/** How often (in steps) a CPU copy of the weights is taken, after a finite metrics read. */
const SNAPSHOT_EVERY = 50;
/** Evaluation (kNN / test accuracy) runs on every Nth metrics report. */
const EVAL_EVERY_REPORTS = 4;
/**
 * Between metrics reports, the run's health (skipped updates, what went non-finite) is read
 * every this many steps, so a divergence is found within about this many steps whatever the
 * report cadence (a report every 1,000 steps must not hide 998 skipped updates).
 */
export const HEALTH_EVERY = 10;

/** How long a dataset may take to load (every download it needs) before the engine gives up on it and keeps the run it has. */
export const DATASET_TIMEOUT_MS = FETCH_TIMEOUT_MS;

/** Settings of an engine that tests change. */
export interface EngineOptions {
  /** See DATASET_TIMEOUT_MS (the default). */
  datasetTimeoutMs?: number;
}

/** The catalog the UI builds itself from: the built-in datasets, then the `imported` ones. */
export function buildCatalog(imported: readonly DatasetSpec[] = []): Catalog {
  return { terms: termSpecs(), datasets: [...datasetSpecs(), ...imported], models: modelSpecs() };
}

/** The engine behind the worker. */
export class Engine {
  private catalog = buildCatalog();
  /** The user's imported datasets, as last read from storage. */
  private imported: DatasetSource[] = [];
  private importedStorage: Promise<Storage> | null = null;
  private backend: BackendChoice | null = null;
  private config: RunConfig | null = null;
  private dataset: LoadedDataset | null = null;
  private trainer: Trainer | null = null;
  private state: RunState = 'booting';
  private stepsToRun = 0;
  private looping = false;
  private pendingRead: Promise<void> = Promise.resolve();
  private reports = 0;
  private snapshot: WeightSnapshot | null = null;
  private lastSkipped = 0;
  private stepTimes: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  private recovering = false;
  /** While running, train no further than this step (a twin run's lockstep), or null. */
  private holdAt: number | null = null;
  /** A health read is in flight (at most one). */
  private healthInFlight = false;
  /** Auto only: the backend the app measured fastest for this run (tried first). */
  private autoPick: BackendId | null = null;

  constructor(
    private readonly post: (e: WorkerEvent) => void,
    private readonly fetchBytes: FetchBytes,
    /** Where imported datasets are kept (the browser's IndexedDB in the worker). */
    private readonly openStorage: () => Promise<Storage> = openImportedStorage,
    private readonly options: EngineOptions = {},
  ) {}

  /** Handles one command; commands run strictly in order (a `ping` is answered at once, ahead of them). */
  handle(cmd: Command): Promise<void> {
    if (cmd.type === 'ping') {
      this.post({ type: 'pong' });
      return Promise.resolve();
    }
    this.queue = this.queue.then(() => this.run(cmd)).catch((e: unknown) => this.fail(e));
    return this.queue;
  }

  private async run(cmd: Command): Promise<void> {
    switch (cmd.type) {
      case 'configure':
        return this.configure(cmd.config);
      case 'set':
        if (!this.config) return this.notice('error', 'invalid-config', 'Nothing to change yet: the run is not configured.');
        return this.configure({ ...this.config, ...cmd.patch });
      case 'start':
        if (!this.trainer) return;
        this.setState('running');
        void this.loop();
        return;
      case 'pause':
        this.stepsToRun = 0;
        if (this.trainer) this.setState('paused');
        return;
      case 'step':
        if (!this.trainer) return;
        if (!Number.isInteger(cmd.n) || cmd.n < 1 || cmd.n > 100_000) return this.notice('error', 'invalid-config', `Cannot run ${cmd.n} steps: give a whole number from 1 to 100000.`);
        if (this.state === 'running') this.setState('paused');
        this.stepsToRun += cmd.n;
        void this.loop();
        return;
      case 'hold':
        if (cmd.until !== null && (!Number.isInteger(cmd.until) || cmd.until < 0)) return this.notice('error', 'invalid-config', `Cannot hold at step ${cmd.until}: give a whole number of steps.`);
        this.holdAt = cmd.until;
        if (this.state === 'running') void this.loop();
        return;
      case 'reset':
        if (!this.config) return;
        this.stepsToRun = 0;
        await this.rebuild(this.config, false);
        return;
      case 'exportWeights': {
        const trainer = this.trainer;
        if (!trainer) return this.post({ type: 'weights', step: 0, tensors: [] });
        const snap = await trainer.snapshot();
        this.post({ type: 'weights', step: snap.step, tensors: namedTensors(trainer, snap) });
        return;
      }
      case 'restore':
        return this.restoreKept(cmd.step, cmd.tensors);
      case 'datasetsChanged':
        await this.refreshImported();
        if (this.backend) this.post({ type: 'ready', catalog: this.catalog, backend: this.backend.info });
        return;
      case 'useBackend':
        return this.useBackend(cmd.backend, cmd.why);
      case 'benchmark':
        return this.benchmark(cmd.steps, cmd.seconds);
      case 'simulateDeviceLoss':
        if (!this.backend?.webgpu) return this.notice('warning', 'device-lost', 'Not running on WebGPU: there is no GPU device to lose.');
        this.backend.webgpu.device.destroy();
        return;
    }
  }

  /** Validates and applies a config: live when possible, rebuilding when structural. */
  private async configure(candidate: RunConfig): Promise<void> {
    // A dataset imported since the catalog was read (by the UI, or for a twin's engine).
    if (typeof candidate?.dataset === 'string' && isUserDatasetId(candidate.dataset) && !this.catalog.datasets.some((d) => d.id === candidate.dataset)) {
      await this.refreshImported();
    }
    const result = validateConfig(candidate, this.catalog);
    if (!result.ok) {
      this.notice('error', 'invalid-config', `Settings not applied: ${result.errors.join(' ')}`);
      this.postStatus();
      return;
    }
    const next = result.config;
    const prev = this.config;
    if (!this.backend || !prev || prev.backend !== next.backend) {
      await this.startBackend(next);
    }
    if (!this.trainer || !prev || needsRebuild(prev, next)) {
      await this.rebuild(next, prev !== null && prev.dataset === next.dataset && this.dataset !== null);
    } else {
      this.config = next;
      this.trainer.setConfig(next);
      this.postStatus();
    }
  }

  private async startBackend(config: RunConfig): Promise<void> {
    const wasRunning = this.state === 'running';
    this.disposeTrainer();
    this.dataset = null;
    this.backend = await chooseBackend(config.backend, (reason) => void this.onDeviceLost(reason), this.autoPick);
    if (!this.importedStorage) await this.refreshImported();
    this.post({ type: 'ready', catalog: this.catalog, backend: this.backend.info });
    if (this.backend.info.skipped.length > 0) {
      this.notice('warning', 'backend-fallback', `Running on ${this.backend.info.id}: ${this.backend.info.reason}.`);
    }
    if (wasRunning) this.state = 'paused';
  }

  /**
   * (Re)builds the trainer from scratch: step 0, fresh weights and method state. A dataset to
   * load is loaded first, within the time limit, while the current run trains on; if it fails
   * the current run stays as it was.
   */
  private async rebuild(config: RunConfig, keepDataset: boolean): Promise<void> {
    let dataset = this.dataset;
    if (!keepDataset || !dataset || dataset.spec.id !== config.dataset) {
      const source = datasetSource(config.dataset, this.imported);
      try {
        dataset = await withTimeout(source.load(config.seed, this.fetchBytes), this.options.datasetTimeoutMs ?? DATASET_TIMEOUT_MS, 'Its data');
      } catch (e) {
        return this.datasetFailed(source.spec.label, config, e);
      }
      void this.sendThumbnails();
    }
    const wasRunning = this.state === 'running';
    this.setState('building', config);
    await this.pendingRead;
    this.disposeTrainer();
    this.dataset = dataset;
    this.config = config;
    const trainer = new Trainer(config, dataset);
    this.trainer = trainer;
    this.snapshot = null;
    // The step-0 weights are the first restore point (clones are taken synchronously, before any step).
    void trainer.snapshot().then((snap) => {
      if (this.trainer === trainer && !this.snapshot) this.snapshot = snap;
    });
    this.lastSkipped = 0;
    this.reports = 0;
    this.stepTimes = [];
    this.setState(wasRunning ? 'running' : 'idle');
    if (wasRunning) void this.loop();
  }

  /** A dataset did not load: the run there is stays (said so), else the last config that worked is built again. */
  private async datasetFailed(label: string, config: RunConfig, e: unknown): Promise<void> {
    const why = `Could not load ${label}: ${e instanceof Error ? e.message : String(e)}.`;
    if (this.trainer && this.config && this.dataset) {
      this.notice('error', 'dataset-load-failed', `${why} Nothing changed: the run on ${this.dataset.spec.label} goes on from step ${this.trainer.step}.`);
      this.postStatus();
      return;
    }
    this.dataset = null;
    this.notice('error', 'dataset-load-failed', why);
    if (this.config && this.config.dataset !== config.dataset) {
      // Go back to the dataset that worked; nothing the user had is lost.
      return this.rebuild(this.config, false);
    }
    this.setState('error');
  }

  /** Reads the imported datasets from storage into the catalog and posts their thumbnails. */
  private async refreshImported(): Promise<void> {
    try {
      this.importedStorage ??= this.openStorage();
      const { sources, damaged } = await importedSources(await this.importedStorage);
      this.imported = sources;
      if (damaged.length > 0) this.notice('warning', 'dataset-load-failed', `${damaged.length} imported dataset${damaged.length > 1 ? 's' : ''} in this browser could not be read and ${damaged.length > 1 ? 'are' : 'is'} left out (${damaged.join(', ')}). Import ${damaged.length > 1 ? 'them' : 'it'} again.`);
    } catch (e) {
      this.notice('warning', 'dataset-load-failed', `The imported datasets could not be read from this browser's storage (${e instanceof Error ? e.message : String(e)}); the built-in ones are offered.`);
    }
    this.catalog = buildCatalog(this.imported.map((s) => s.spec));
    for (const source of this.imported) {
      const t = await source.thumbnail(this.fetchBytes);
      this.post({ type: 'thumbnail', dataset: source.spec.id, width: t.width, height: t.height, rgba: t.rgba });
    }
  }

  private thumbnailsSent = false;

  private async sendThumbnails(): Promise<void> {
    if (this.thumbnailsSent) return;
    this.thumbnailsSent = true;
    for (const source of Object.values(DATASETS)) {
      try {
        const t = await source.thumbnail(this.fetchBytes);
        this.post({ type: 'thumbnail', dataset: source.spec.id, width: t.width, height: t.height, rgba: t.rgba });
      } catch {
        // A missing thumbnail only leaves a blank card; loading the dataset reports the real error.
      }
    }
  }

  /** The training loop: runs while 'running' or while single steps are owed. */
  private async loop(): Promise<void> {
    if (this.looping) return;
    this.looping = true;
    try {
      while (this.trainer && this.config && (this.state === 'running' || this.stepsToRun > 0) && !this.recovering) {
        const trainer = this.trainer;
        const config = this.config;
        if (config.stopAt > 0 && trainer.step >= config.stopAt) {
          this.stepsToRun = 0;
          if (this.state === 'running') this.notice('info', 'budget-reached', `Training paused at step ${trainer.step}, the stop set for this run. Raise "Stop at step" (or set it to 0) to go on.`);
          this.state = 'paused';
          break;
        }
        if (this.state === 'running' && this.stepsToRun === 0 && this.holdAt !== null && trainer.step >= this.holdAt) break;
        const lastOfSteps = this.state !== 'running' && this.stepsToRun === 1;
        const lastOfBudget = config.stopAt > 0 && trainer.step + 1 === config.stopAt;
        const record = (trainer.step + 1) % config.metricsEvery === 0 || lastOfSteps || lastOfBudget;
        const rec = trainer.trainStep(record);
        if (this.stepsToRun > 0) this.stepsToRun--;
        this.stepTimes.push(performance.now());
        if (this.stepTimes.length > 30) this.stepTimes.shift();
        if (rec) {
          // Back-pressure: at most one metrics read in flight.
          await this.pendingRead;
          const withEval = this.reports % EVAL_EVERY_REPORTS === 0;
          this.reports++;
          const evalRec = withEval ? trainer.evaluate() : null;
          this.pendingRead = this.finishReport(trainer, rec, evalRec);
        } else if (trainer.step % HEALTH_EVERY === 0 && !this.healthInFlight) {
          this.healthInFlight = true;
          void this.checkHealth(trainer).finally(() => (this.healthInFlight = false));
        }
        await waitForGpu(this.backend);
        if (this.stepsToRun === 0 && this.state !== 'running') break;
      }
    } catch (e) {
      this.stepsToRun = 0;
      this.fail(e);
    } finally {
      this.looping = false;
      if (this.trainer && this.state !== 'running' && this.state !== 'error' && this.state !== 'building') this.setState('paused');
      else this.postStatus();
    }
  }

  private stepsPerSecond(): number {
    const t = this.stepTimes;
    if (t.length < 2) return 0;
    return ((t.length - 1) * 1000) / (t[t.length - 1]! - t[0]!);
  }

  private async finishReport(trainer: Trainer, rec: Parameters<typeof readMetrics>[0], evalRec: Parameters<typeof readMetrics>[1]): Promise<void> {
    const { report, skipped } = await readMetrics(rec, evalRec, this.config?.task ?? 'ssl');
    // A step recorded before a rebuild or a restore belongs to a discarded trajectory.
    if (this.state === 'building' || trainer !== this.trainer || rec.generation !== trainer.generation) return;
    report.stepsPerSecond = this.stepsPerSecond();
    this.post({ type: 'metrics', report });
    const total = report.losses.total;
    if (total === undefined || !Number.isFinite(total) || skipped > this.lastSkipped) {
      this.lastSkipped = skipped;
      await this.recoverFromNaN(trainer, report.step);
      return;
    }
    if (!this.snapshot || report.step - this.snapshot.step >= SNAPSHOT_EVERY) {
      const snap = await trainer.snapshot();
      if (trainer !== this.trainer || !this.config) return;
      this.snapshot = snap;
      // The app keeps it too, outside this worker: if the worker dies, the run comes back from it.
      this.post({ type: 'snapshot', step: snap.step, config: this.config, tensors: namedTensors(trainer, snap) });
    }
  }

  /**
   * Restores a run the app kept (the engine before this one died): the weights of the configured
   * run and its step. Tensors of the same name must have the same size; names this run lacks
   * (a method switched off since) are left out, and variables the snapshot lacks keep their
   * fresh values.
   */
  private async restoreKept(step: number, tensors: readonly NamedTensor[]): Promise<void> {
    const trainer = this.trainer;
    if (!trainer) return this.notice('error', 'invalid-config', 'Nothing to restore: the run is not configured.');
    if (!Number.isInteger(step) || step < 0) return this.notice('error', 'invalid-config', `Cannot restore step ${step}: give a whole number of steps.`);
    await this.pendingRead;
    const own = (await trainer.snapshot()).values;
    const misfit = tensors.find((t) => own.has(t.name) && own.get(t.name)!.length !== t.data.length);
    const fits = tensors.filter((t) => own.has(t.name)).length;
    if (misfit || fits === 0) {
      const why = misfit ? `${misfit.name} holds ${misfit.data.length} values, this run's ${own.get(misfit.name)!.length}` : 'none of its tensors belongs to this run';
      this.notice('error', 'invalid-config', `The kept weights of step ${step} do not fit this run (${why}), so it starts from step 0.`);
      this.postStatus();
      return;
    }
    if (trainer !== this.trainer) return;
    const snap: WeightSnapshot = { step, values: new Map(tensors.map((t) => [t.name, t.data])) };
    trainer.restore(snap);
    this.snapshot = snap;
    this.lastSkipped = 0;
    this.stepTimes = [];
    this.setState(this.state === 'running' ? 'running' : 'paused');
  }

  /**
   * Auto: moves the run to another backend, keeping it: its weights and running statistics,
   * its step and its history (the charts go on; the optimiser's moments start afresh).
   */
  private async useBackend(id: BackendId, why: string): Promise<void> {
    if (!this.config || this.config.backend !== 'auto') return this.notice('warning', 'backend-switched', 'A backend was forced for this run, so Auto does not switch it.');
    if (this.backend?.info.id === id) return;
    const config = this.config;
    const wasRunning = this.state === 'running';
    await this.pendingRead;
    const snap = this.trainer ? await this.trainer.snapshot() : null;
    const dataset = this.dataset;
    const from = this.backend?.info.id;
    this.autoPick = id;
    this.stepsToRun = 0;
    this.state = 'building';
    await this.startBackend(config);
    if (this.backend?.info.id !== id) {
      this.notice('warning', 'backend-switched', `Auto tried to move the run to ${id} but it did not start; it stays on ${this.backend?.info.id}.`);
    }
    this.dataset = dataset;
    if (!this.dataset) return this.rebuild(config, false);
    const trainer = new Trainer(config, this.dataset);
    if (snap) trainer.restore(snap);
    this.trainer = trainer;
    this.snapshot = snap;
    this.lastSkipped = 0;
    this.stepTimes = [];
    this.notice('info', 'backend-switched', `Moved the run from ${from} to ${this.backend!.info.id} at step ${trainer.step}: ${why}`);
    this.setState(wasRunning ? 'running' : 'paused');
    if (wasRunning) void this.loop();
  }

  /** Measuring engines: times warm steps of the configured run on this backend and posts the rate. */
  private async benchmark(steps: number, seconds: number): Promise<void> {
    const trainer = this.trainer;
    if (!trainer || !this.backend) return this.notice('error', 'internal', 'Nothing to measure: the run is not built.');
    for (let i = 0; i < 2; i++) {
      trainer.trainStep(false);
      await waitForGpu(this.backend);
    }
    const t0 = performance.now();
    let done = 0;
    while (done < steps && performance.now() - t0 < seconds * 1000) {
      trainer.trainStep(false);
      await waitForGpu(this.backend);
      done++;
    }
    const elapsed = (performance.now() - t0) / 1000;
    this.post({ type: 'benchmark', backend: this.backend.info.id, stepsPerSecond: done / Math.max(elapsed, 1e-6), steps: done, adapter: this.backend.info.adapter ?? null });
  }

  /** Reads the run's health between reports; a new skipped update means divergence: recover. */
  private async checkHealth(trainer: Trainer): Promise<void> {
    const generation = trainer.generation;
    const health = await trainer.health();
    if (this.state === 'building' || trainer !== this.trainer || generation !== trainer.generation) return;
    if (health.skipped > this.lastSkipped) {
      this.lastSkipped = health.skipped;
      await this.recoverFromNaN(trainer, trainer.step);
    }
  }

  /** Pauses, names what went non-finite, restores the last good weights and says what may help. */
  private async recoverFromNaN(trainer: Trainer, step: number): Promise<void> {
    this.stepsToRun = 0;
    this.setState('paused');
    const { nonFinite } = await trainer.health();
    const snap = this.snapshot;
    let kept = 'The weights were left as they were.';
    if (snap && trainer === this.trainer) {
      trainer.restore(snap);
      this.lastSkipped = 0;
      kept = `The weights from step ${snap.step} were restored.`;
    }
    this.notice('error', 'nan-loss', `${divergenceSentence(nonFinite, step, this.catalog)} Training paused and those updates were skipped. ${kept} ${divergenceAdvice(nonFinite, trainer.trainSize, this.config?.lr, this.catalog)}`);
    this.postStatus();
  }

  /** GPU device lost: pause, re-create the device, restore the last snapshot, tell the user. */
  private async onDeviceLost(reason: string): Promise<void> {
    if (this.recovering || !this.config) return;
    this.recovering = true;
    const config = this.config;
    const snap = this.snapshot;
    this.stepsToRun = 0;
    this.state = 'paused';
    this.notice('warning', 'device-lost', `The GPU device was lost (${reason}). Training paused; re-creating the device…`);
    try {
      this.trainer = null; // its tensors died with the device
      this.pendingRead = Promise.resolve();
      this.backend = null;
      this.recovering = false;
      this.config = null;
      await this.startBackend(config);
      await this.rebuild(config, false);
      if (snap && this.trainer) {
        (this.trainer as Trainer).restore(snap);
        this.lastSkipped = 0;
        this.snapshot = snap;
      }
      this.notice('info', 'device-restored', snap ? `The GPU device was re-created on ${this.backend!.info.id} and the weights from step ${snap.step} restored. Press Play to continue.` : `The GPU device was re-created on ${this.backend!.info.id}; no snapshot had been taken yet, so the run restarted from step 0.`);
      this.setState('paused');
    } catch (e) {
      this.recovering = false;
      this.fail(e);
    }
  }

  private disposeTrainer(): void {
    try {
      this.trainer?.dispose();
    } catch {
      // Tensors of a lost device cannot be freed; dropping them is enough.
    }
    this.trainer = null;
  }

  private setState(state: RunState, config?: RunConfig): void {
    this.state = state;
    this.postStatus(config);
  }

  private postStatus(config?: RunConfig): void {
    // While building, the old run is being discarded: the new one is at step 0.
    const step = this.state === 'building' ? 0 : (this.trainer?.step ?? 0);
    this.post({ type: 'status', state: this.state, step, config: config ?? this.config });
  }

  private notice(level: 'info' | 'warning' | 'error', code: NoticeCode, message: string): void {
    this.post({ type: 'notice', level, code, message });
  }

  private fail(e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    this.notice('error', 'internal', `Training stopped: ${message}`);
    if (this.state === 'running') this.state = 'paused';
    if (!this.trainer) this.state = 'error';
    this.postStatus();
  }
}

/** A snapshot's values as named tensors with their shapes (method-state tensors flat). */
function namedTensors(trainer: Trainer, snap: WeightSnapshot): NamedTensor[] {
  const shapeOf = (name: string, size: number): number[] => (trainer.model.variables.get(name) ?? trainer.model.buffers.get(name))?.shape ?? [size];
  return [...snap.values].map(([name, data]) => ({ name, shape: shapeOf(name, data.length), data }));
}

/** What went non-finite, in words: the terms by their labels, or a gradient. */
export function divergenceSentence(nonFinite: readonly string[], step: number, catalog: Catalog): string {
  const terms = nonFinite.filter((id) => id !== 'gradient').map((id) => catalog.terms.find((t) => t.id === id)?.label ?? id);
  if (terms.length > 0) return `The loss of ${terms.join(' and ')} stopped being finite around step ${step}.`;
  if (nonFinite.includes('gradient')) return `A gradient stopped being finite around step ${step} (the losses were still finite).`;
  return `The loss stopped being finite around step ${step}.`;
}

/** Advice that can help: none of the learning rate's business when the data cannot have batch statistics. */
export function divergenceAdvice(nonFinite: readonly string[], trainSize: number, lr: number | undefined, catalog: Catalog): string {
  if (trainSize < 2) {
    return `This dataset has only ${trainSize} training example${trainSize === 1 ? '' : 's'}: variances, covariances and batch norm need at least two different samples, so no learning rate can fix it. Add examples or choose another dataset.`;
  }
  const methods = nonFinite.map((id) => catalog.terms.find((t) => t.id === id)).filter((t) => t !== undefined && t.role === 'method');
  const weights = methods.length > 0 ? `a smaller weight for ${methods.map((t) => t!.label).join(' and ')}, or ` : '';
  return `Try ${weights}a lower learning rate (now ${lr}), then press Play.`;
}
