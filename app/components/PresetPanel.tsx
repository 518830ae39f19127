/**
 * The open demo preset: what it is about, which chart to watch, its claims checked live
 * against its control run (✓ / ✗ with the numbers), what `npm run presets` measured, and
 * what the demo does not show.
 */
import { useStore } from 'zustand';
import { checkClaim, type ClaimPoint } from '../../src/compare/claim';
import { compareStore, comparedHistory } from '../compare/compareStore';
import { useRunSeries } from '../compare/useRunSeries';
import { closePreset, presetStore } from '../presets/activePreset';
import { useConfigStore, useRunStore } from '../store/hooks';

/** The preset panel (nothing when no preset is open). */
export function PresetPanel() {
  const preset = useStore(presetStore, (s) => s.active);
  const runs = useRunSeries();
  const twins = useStore(compareStore, (s) => s.runs);
  const embedDim = useConfigStore((s) => s.config.embedDim);
  const step = useRunStore((s) => s.step);
  if (!preset) return null;
  const main = runs[0];
  const control = twins[0];
  const evidence = {
    main: (main?.history ?? []) as readonly ClaimPoint[],
    control: (control ? comparedHistory(control.id).history() : []) as readonly ClaimPoint[],
    embedDim,
  };
  const names = { main: control?.mainLabel ?? 'the run', control: control?.label ?? 'the control' };
  const done = step >= preset.budget;
  return (
    <section className="preset-panel" data-testid="preset-panel" aria-label={`Demo: ${preset.title}`}>
      <header className="preset-panel__header">
        <h2>{preset.title}</h2>
        <button type="button" className="btn" onClick={closePreset} aria-label="Close the demo panel">
          Close
        </button>
      </header>
      <p>{preset.description}</p>
      <p className="preset-panel__look">
        <strong>Watch:</strong> {preset.look}
      </p>
      <p className="preset-panel__progress">
        Step {Math.min(step, preset.budget)} of {preset.budget}
        {control ? `, against its control (${control.label}) trained step for step.` : '.'}
      </p>
      <ul className="preset-panel__claims" data-testid="preset-claims">
        {preset.claims.map((claim, i) => {
          const r = checkClaim(claim, evidence, names);
          return (
            <li key={i} className={r.holds ? 'claim claim--holds' : done ? 'claim claim--fails' : 'claim'} data-holds={String(r.holds)}>
              <span aria-hidden="true">{r.holds ? '✓' : done ? '✗' : '…'}</span> {r.text}
            </li>
          );
        })}
      </ul>
      {preset.measured && (
        <p className="preset-panel__measured" data-testid="preset-measured">
          Measured by <code>npm run presets</code> on {preset.measured.machine} ({preset.measured.backend}, {preset.measured.date}): {preset.measured.claims.map((c) => `${c.holds ? '✓' : '✗'} ${c.text}`).join('; ')}.
        </p>
      )}
      {preset.notShown && (
        <p className="preset-panel__not-shown">
          <strong>Not shown here:</strong> {preset.notShown}
        </p>
      )}
    </section>
  );
}
