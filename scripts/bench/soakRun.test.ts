import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.ts';
import { buildCatalog } from '../../src/engine.ts';
import { soakSchedule } from './soakRun.ts';

describe('soakSchedule', () => {
  const catalog = buildCatalog();
  const schedule = soakSchedule(catalog, DEFAULT_CONFIG);

  it("starts at the default run's task and objective with no method, and switches every seed method of the catalog on", () => {
    expect(schedule[0]).toEqual({ task: DEFAULT_CONFIG.task, objective: DEFAULT_CONFIG.objective, methods: [] });
    const methods = catalog.terms.filter((t) => t.role === 'method').map((t) => t.id);
    expect(methods.length).toBeGreaterThanOrEqual(5);
    // On in some slot; off again at the latest when the cycle goes back to its first slot (none on).
    for (const id of methods) expect(schedule.some((s) => s.methods.includes(id)), id).toBe(true);
    // Every method of the run's own task is on together once.
    const own = catalog.terms.filter((t) => t.role === 'method' && t.tasks.includes(DEFAULT_CONFIG.task)).map((t) => t.id);
    expect(schedule.some((s) => s.task === DEFAULT_CONFIG.task && own.every((id) => s.methods.includes(id)))).toBe(true);
  });

  it('adds one method per slot, then drops one per slot, within each task', () => {
    const changes = schedule.slice(1).map((s, i) => {
      const prev = schedule[i]!;
      if (prev.task !== s.task) return s.methods.length;
      return Math.abs(s.methods.length - prev.methods.length);
    });
    expect(changes.every((n) => n <= 1)).toBe(true);
    expect(new Set(schedule.map((s) => `${s.task} ${s.objective}`))).toEqual(new Set(['ssl vicreg', 'supervised ce']));
  });
});
