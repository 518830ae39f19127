/**
 * The engine under faults, in Node on the CPU backend: a dataset download that never answers
 * (the run trains on, the engine gives up after its time limit and says so, commands behind it
 * run), liveness pings answered ahead of the queue, and a run restored by a new engine from the
 * snapshot the old one posted (what the app does when the worker dies).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../src/config';
import { Engine } from '../src/engine';
import type { WorkerEvent } from '../src/protocol';
import { memoryStorage } from '../src/storage/store';

type EventOf<T extends WorkerEvent['type']> = Extract<WorkerEvent, { type: T }>;

const readPublic = async (path: string) => new Uint8Array(await readFile(join(import.meta.dirname, '..', 'public', path)));
/** Serves public/ files, except MNIST's, whose request never answers. */
const mnistHangs = (path: string): Promise<Uint8Array> => (path.includes('mnist') ? new Promise<Uint8Array>(() => {}) : readPublic(path));

const small: RunConfig = { ...DEFAULT_CONFIG, dataset: 'blobs', model: 'mlp', width: 16, depth: 1, embedDim: 8, batchSize: 64, metricsEvery: 5, backend: 'cpu', lr: 0.01, norm: 'none', headNorm: 'none' };

/** An engine whose events are collected, with a wait for the first event that matches. */
function harness(fetchBytes: (path: string) => Promise<Uint8Array>, datasetTimeoutMs?: number) {
  const events: WorkerEvent[] = [];
  const engine = new Engine((e) => events.push(e), fetchBytes, async () => memoryStorage(), { datasetTimeoutMs });
  const all = <T extends WorkerEvent['type']>(type: T): EventOf<T>[] => events.filter((e): e is EventOf<T> => e.type === type);
  const last = <T extends WorkerEvent['type']>(type: T): EventOf<T> | undefined => all(type).at(-1);
  async function until<T>(what: string, found: () => T | undefined | false): Promise<T> {
    for (let i = 0; i < 6_000; i++) {
      const value = found();
      if (value) return value;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`timed out waiting for ${what}`);
  }
  return { engine, events, all, last, until };
}

describe('the engine under faults', () => {
  it('trains on while a dataset download hangs, gives up after its time limit with a notice, keeps the run, and runs the commands behind it', async () => {
    const h = harness(mnistHangs, 1500);
    await h.engine.handle({ type: 'configure', config: small });
    await h.engine.handle({ type: 'start' });
    const before = await h.until('a first report', () => h.last('metrics')?.report.step);

    const switching = h.engine.handle({ type: 'configure', config: { ...small, dataset: 'mnist' } });
    const pausing = h.engine.handle({ type: 'pause' });
    await switching;
    const failedAt = h.events.findIndex((e) => e.type === 'notice' && e.code === 'dataset-load-failed');
    const failed = h.events[failedAt] as EventOf<'notice'>;
    expect(failed.level).toBe('error');
    expect(failed.message).toMatch(/MNIST/);
    expect(failed.message).toMatch(/did not answer within 1\.5 s/);
    expect(failed.message).toMatch(/Nothing changed: the run on .* goes on from step \d+/);
    // While MNIST's request hung, the run it would have replaced kept training and reporting.
    const during = h.events.slice(0, failedAt).filter((e): e is EventOf<'metrics'> => e.type === 'metrics' && e.report.step > before);
    expect(during.length).toBeGreaterThan(0);
    // The engine still runs the blobs run: the status says so, and nothing was rebuilt.
    expect(h.all('status').some((s) => s.state === 'building' && s.config?.dataset === 'mnist')).toBe(false);
    // The pause queued behind the download ran.
    await pausing;
    const status = h.last('status')!;
    expect(status.state).toBe('paused');
    expect(status.config?.dataset).toBe('blobs');
    expect(status.step).toBeGreaterThanOrEqual(during.at(-1)!.report.step);
  });

  it('answers a ping at once, even while a download blocks the commands', async () => {
    const h = harness(mnistHangs, 60_000);
    await h.engine.handle({ type: 'configure', config: small });
    void h.engine.handle({ type: 'configure', config: { ...small, dataset: 'mnist' } });
    await h.engine.handle({ type: 'ping' });
    expect(h.all('pong')).toHaveLength(1);
  });

  it('posts a snapshot every few dozen steps that a new engine restores: same weights, same step, training goes on', async () => {
    const first = harness(readPublic);
    await first.engine.handle({ type: 'configure', config: small });
    await first.engine.handle({ type: 'step', n: 60 });
    const snap = await first.until('a snapshot', () => first.last('snapshot'));
    expect(snap.step).toBe(50);
    expect(snap.config).toEqual(small);
    expect(snap.tensors.length).toBeGreaterThan(4);
    for (const t of snap.tensors) expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));

    const second = harness(readPublic);
    await second.engine.handle({ type: 'configure', config: snap.config });
    await second.engine.handle({ type: 'restore', step: snap.step, tensors: snap.tensors });
    expect(second.last('status')).toMatchObject({ state: 'paused', step: 50 });
    await second.engine.handle({ type: 'exportWeights' });
    const weights = second.last('weights')!;
    expect(weights.step).toBe(50);
    expect(weights.tensors.map((t) => [t.name, [...t.data]])).toEqual(snap.tensors.map((t) => [t.name, [...t.data]]));

    await second.engine.handle({ type: 'step', n: 5 });
    const report = await second.until('a report after the restore', () => second.last('metrics')?.report);
    expect(report.step).toBe(55);
    expect(Number.isFinite(report.losses.total)).toBe(true);
    expect(second.all('notice').filter((n) => n.level === 'error')).toEqual([]);
  });

  it('refuses, with a sentence, a snapshot that does not fit the configured run, which stays at step 0', async () => {
    const first = harness(readPublic);
    await first.engine.handle({ type: 'configure', config: small });
    await first.engine.handle({ type: 'step', n: 50 });
    const snap = await first.until('a snapshot', () => first.last('snapshot'));

    const wider = harness(readPublic);
    await wider.engine.handle({ type: 'configure', config: { ...small, width: 24 } });
    await wider.engine.handle({ type: 'restore', step: snap.step, tensors: snap.tensors });
    const refused = wider.all('notice').find((n) => n.code === 'invalid-config');
    expect(refused?.message).toMatch(/kept weights of step 50 do not fit this run \(.+ holds \d+ values, this run's \d+\), so it starts from step 0/);
    expect(wider.last('status')?.step).toBe(0);
  });
});
