/**
 * Loads a demo preset: its config goes over the defaults (keeping the backend the user
 * chose unless the preset names one), is validated, and rebuilds the run. A preset that
 * does not fit the engine is reported and the current setup is kept.
 */
import { useState } from 'react';
import { DEFAULT_CONFIG } from '../../src/config';
import { mergeLinkConfig } from '../../src/urlState';
import { replaceConfig } from '../engine/configActions';
import { sendCommand } from '../engine/engineClient';
import { PRESETS } from '../presets/presets';
import { configStore } from '../store/configStore';
import { addNotice } from '../store/runStore';
import { useRunStore } from '../store/hooks';

/** The preset select in the header. */
export function PresetMenu() {
  const ready = useRunStore((s) => s.catalog !== null);
  const [chosen, setChosen] = useState('');
  const preset = PRESETS.presets.find((p) => p.id === chosen);
  const load = (id: string): void => {
    const p = PRESETS.presets.find((x) => x.id === id);
    if (!p) return;
    const base = { ...DEFAULT_CONFIG, backend: configStore.getState().config.backend };
    const errors = replaceConfig(mergeLinkConfig(base, p.config));
    if (errors.length > 0) {
      addNotice('error', 'invalid-config', `Preset "${p.title}" does not fit this engine, so nothing changed: ${errors.join(' ')}`);
      return;
    }
    // A demo starts from step 0, even when the preset only differs in live settings.
    sendCommand({ type: 'reset' });
    setChosen(id);
  };
  return (
    <span className="preset-menu">
      <select
        data-testid="preset-select"
        aria-label="Load a demo preset"
        value={chosen}
        disabled={!ready}
        title={preset?.description ?? 'Load a demo preset'}
        onChange={(e) => load(e.target.value)}
      >
        <option value="">{PRESETS.presets.length > 0 ? 'Demo presets…' : 'No presets yet'}</option>
        {PRESETS.presets.map((p) => (
          <option key={p.id} value={p.id} title={p.description}>
            {p.title}
          </option>
        ))}
      </select>
      {preset && (
        <span className="preset-menu__desc" data-testid="preset-description">
          {preset.description}
        </span>
      )}
    </span>
  );
}
