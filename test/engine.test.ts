/**
 * The engine end to end in Node on the CPU backend: configure, step, live changes,
 * bad input, reset, and the collapse demo itself (naive alignment vs VICReg).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../src/config';
import { divergenceAdvice, divergenceSentence, Engine, HEALTH_EVERY, buildCatalog } from '../src/engine';
import type { MetricsReport, WorkerEvent } from '../src/protocol';

const fetchBytes = async (path: string) => new Uint8Array(await readFile(join(import.meta.dirname, '..', 'public', path)));

/** An engine whose events are collected, with helpers to wait on them. */
function harness() {
  const events: WorkerEvent[] = [];
  const engine = new Engine((e) => {
    events.push(e);
    if (e.type === 'notice' && process.env.DEBUG_ENGINE) console.log(e.message);
  }, fetchBytes);
  const reports = () => events.filter((e): e is Extract<WorkerEvent, { type: 'metrics' }> => e.type === 'metrics').map((e) => e.report);
  const lastStatus = () => [...events].reverse().find((e): e is Extract<WorkerEvent, { type: 'status' }> => e.type === 'status');
  const notices = () => events.filter((e): e is Extract<WorkerEvent, { type: 'notice' }> => e.type === 'notice');
  /** Runs n steps and waits until the engine has paused after them and reported. */
  async function steps(n: number): Promise<MetricsReport> {
    const before = reports().length;
    await engine.handle({ type: 'step', n });
    for (let i = 0; i < 20_000; i++) {
      const s = lastStatus();
      if (s && s.state === 'paused' && reports().length > before) {
        // Let the last report's async read land.
        await new Promise((r) => setTimeout(r, 5));
        return reports()[reports().length - 1]!;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('engine did not finish stepping');
  }
  return { engine, events, reports, lastStatus, notices, steps };
}

const small: RunConfig = { ...DEFAULT_CONFIG, dataset: 'blobs', model: 'mlp', width: 32, depth: 1, embedDim: 16, batchSize: 128, metricsEvery: 5, backend: 'cpu', lr: 0.01, norm: 'none', headNorm: 'none' };

describe('Engine on the CPU backend', () => {
  it('announces itself, trains, reports finite metrics and applies live changes', async () => {
    const h = harness();
    await h.engine.handle({ type: 'configure', config: small });
    const ready = h.events.find((e) => e.type === 'ready');
    expect(ready && ready.type === 'ready' && ready.backend.id).toBe('cpu');
    expect(ready && ready.type === 'ready' && ready.catalog.terms.map((t) => t.id)).toContain('vicreg');

    const r = await h.steps(10);
    expect(r.step).toBe(10);
    expect(Number.isFinite(r.losses.total)).toBe(true);
    expect(r.losses.vicreg).toBeCloseTo(r.losses.total!, 5);
    expect(r.spectrum).toHaveLength(16);
    expect(r.scalars.rankme).toBeGreaterThan(1);
    expect(h.lastStatus()?.step).toBe(10);

    // A live change keeps the run: the step counter goes on.
    await h.engine.handle({ type: 'set', patch: { objective: 'naive', lr: 0.005 } });
    const r2 = await h.steps(5);
    expect(r2.step).toBe(15);
    expect(Object.keys(r2.losses)).toContain('naive');
    expect(Object.keys(r2.losses)).not.toContain('vicreg');

    // Methods switched on and off mid-run (heads appear, then get no gradient) keep training.
    await h.engine.handle({ type: 'set', patch: { methods: ['sim', 'imsvd'] } });
    const r3 = await h.steps(5);
    expect(Object.keys(r3.losses)).toEqual(expect.arrayContaining(['sim', 'imsvd']));
    await h.engine.handle({ type: 'set', patch: { methods: ['imsvd'] } });
    const r4 = await h.steps(5);
    expect(Number.isFinite(r4.losses.total)).toBe(true);
    expect(Object.keys(r4.losses)).not.toContain('sim');
    expect(h.notices().filter((n) => n.code === 'internal')).toEqual([]);

    // An impossible value is refused with a sentence, and nothing changes.
    await h.engine.handle({ type: 'set', patch: { lr: 5 } });
    const refused = h.notices().find((n) => n.code === 'invalid-config');
    expect(refused?.message).toMatch(/Learning rate/);
    expect(h.lastStatus()?.config?.lr).toBe(0.005);

    await h.engine.handle({ type: 'reset' });
    expect(h.lastStatus()?.step).toBe(0);
  });

  it('finds a divergence between rare reports within a bounded number of steps, and names the term', async () => {
    const h = harness();
    // One report per 1,000 steps: the health read every HEALTH_EVERY steps must find it long before.
    await h.engine.handle({ type: 'configure', config: { ...small, optimizer: 'sgd', lr: 1, metricsEvery: 1000 } });
    await h.engine.handle({ type: 'start' });
    for (let i = 0; i < 4000 && !h.notices().some((n) => n.code === 'nan-loss'); i++) await new Promise((r) => setTimeout(r, 5));
    const nan = h.notices().find((n) => n.code === 'nan-loss');
    expect(nan?.message).toMatch(/The loss of VICReg stopped being finite|A gradient stopped being finite/);
    expect(nan?.message).toMatch(/learning rate/);
    const paused = h.lastStatus()!;
    expect(paused.state).toBe('paused');
    // The first skipped update is at most a couple of health reads before the pause.
    const at = Number(/around step (\d+)/.exec(nan!.message)![1]);
    expect(at).toBeLessThanOrEqual(3 * HEALTH_EVERY);
  });

  it('pauses on a non-finite loss, says why, restores the weights and trains again at a sane learning rate', async () => {
    const h = harness();
    await h.engine.handle({ type: 'configure', config: { ...small, optimizer: 'sgd', lr: 1 } });
    await h.steps(10);
    const nan = h.notices().find((n) => n.code === 'nan-loss');
    expect(nan?.level).toBe('error');
    expect(nan?.message).toMatch(/learning rate/);
    expect(nan?.message).toMatch(/restored/);
    expect(h.lastStatus()?.state).toBe('paused');
    await h.engine.handle({ type: 'set', patch: { lr: 0.01, optimizer: 'adam' } });
    const r = await h.steps(10);
    expect(Number.isFinite(r.losses.total)).toBe(true);
  });

  it('after a divergence while running, a quick fix and Play trains on without a second, stale alarm', async () => {
    const h = harness();
    // Reports every step, so diverged steps are still recorded and in flight when the alarm pauses.
    await h.engine.handle({ type: 'configure', config: { ...small, optimizer: 'sgd', lr: 1, metricsEvery: 1 } });
    await h.engine.handle({ type: 'start' });
    const waitFor = async (ok: () => boolean, what: string) => {
      for (let i = 0; i < 20_000 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
      if (!ok()) throw new Error(`timed out waiting for ${what}`);
    };
    await waitFor(() => h.notices().some((n) => n.code === 'nan-loss'), 'the NaN notice');
    // The user fixes the settings and presses Play at once, while diverged steps may still be in flight.
    await h.engine.handle({ type: 'set', patch: { lr: 0.01 } });
    await h.engine.handle({ type: 'set', patch: { optimizer: 'adam' } });
    await h.engine.handle({ type: 'start' });
    const after = h.reports().length;
    await waitFor(() => h.reports().slice(after).some((r) => r.step >= 20), 'step 20 after the fix');
    await h.engine.handle({ type: 'pause' });
    expect(h.notices().filter((n) => n.code === 'nan-loss')).toHaveLength(1);
    expect(h.reports().slice(after).every((r) => Number.isFinite(r.losses.total))).toBe(true);
  });

  it('a reset while running never lets a report of the old run through after the new one starts', async () => {
    const h = harness();
    // Reports every step, so a read of the old run is in flight when the reset comes.
    await h.engine.handle({ type: 'configure', config: { ...small, metricsEvery: 1 } });
    await h.engine.handle({ type: 'start' });
    for (let i = 0; i < 20_000 && h.reports().length < 5; i++) await new Promise((r) => setTimeout(r, 2));
    const resetAt = h.events.length;
    await h.engine.handle({ type: 'reset' });
    for (let i = 0; i < 20_000 && h.reports().filter((r) => r.step >= 5).length < 2; i++) await new Promise((r) => setTimeout(r, 2));
    await h.engine.handle({ type: 'pause' });
    const after = h.events.slice(resetAt);
    const building = after.findIndex((e) => e.type === 'status' && e.state === 'building' && e.step === 0);
    expect(building).toBeGreaterThanOrEqual(0);
    // The app clears its charts on that status: every later report belongs to the new run.
    const steps = after.slice(building).flatMap((e) => (e.type === 'metrics' ? [e.report.step] : []));
    expect(steps[0]).toBe(1);
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1]!);
  });

  it('shows collapse: naive alignment drives RankMe towards 1, VICReg keeps it high', async () => {
    const rank = async (objective: string) => {
      const h = harness();
      await h.engine.handle({ type: 'configure', config: { ...small, objective, lr: 0.01, metricsEvery: 60 } });
      const r = await h.steps(120);
      return r.scalars.rankme!;
    };
    const naive = await rank('naive');
    const vicreg = await rank('vicreg');
    expect(naive).toBeLessThan(2);
    expect(vicreg).toBeGreaterThan(4);
  });
});

describe('divergence notices', () => {
  const catalog = buildCatalog();
  it('name the term or the gradient that went non-finite', () => {
    expect(divergenceSentence(['corinfomax'], 40, catalog)).toMatch(/The loss of CorInfoMax stopped being finite around step 40/);
    expect(divergenceSentence(['gradient'], 7, catalog)).toMatch(/A gradient stopped being finite around step 7/);
  });
  it('advise on the weight of a method that went non-finite, and never a learning rate to a one-example dataset', () => {
    expect(divergenceAdvice(['corinfomax'], 3000, 0.01, catalog)).toMatch(/smaller weight for CorInfoMax, or a lower learning rate \(now 0.01\)/);
    const one = divergenceAdvice(['vicreg'], 1, 0.01, catalog);
    expect(one).toMatch(/only 1 training example/);
    expect(one).not.toMatch(/a lower learning rate/);
  });
});
