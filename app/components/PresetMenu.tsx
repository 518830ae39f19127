/**
 * The demo preset select in the header: loading a preset applies it, starts its control
 * twin and opens its panel (app/components/PresetPanel.tsx). A preset that does not fit the
 * engine is reported and the current setup is kept.
 */
import { useStore } from 'zustand';
import { loadPreset, presetStore } from '../presets/activePreset';
import { PRESETS } from '../presets/presets';
import { addNotice } from '../store/runStore';
import { useRunStore } from '../store/hooks';

/** The preset select. */
export function PresetMenu() {
  const ready = useRunStore((s) => s.catalog !== null);
  const active = useStore(presetStore, (s) => s.active);
  const load = (id: string): void => {
    const p = PRESETS.presets.find((x) => x.id === id);
    if (!p) return;
    const errors = loadPreset(p);
    if (errors.length > 0) addNotice('error', 'invalid-config', `Preset "${p.title}" could not be loaded, so nothing changed: ${errors.join(' ')}`);
  };
  return (
    <span className="preset-menu">
      <select data-testid="preset-select" aria-label="Load a demo preset" value={active?.id ?? ''} disabled={!ready} onChange={(e) => load(e.target.value)}>
        <option value="">{PRESETS.presets.length > 0 ? 'Demo presets…' : 'No presets yet'}</option>
        {PRESETS.presets.map((p) => (
          <option key={p.id} value={p.id} title={p.description}>
            {p.title}
          </option>
        ))}
      </select>
    </span>
  );
}
