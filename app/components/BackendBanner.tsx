/**
 * Which backend trains, why, what was skipped and on what adapter, with a plain warning
 * when the "GPU" is a software emulation, and a select to force another backend.
 */
import { useState } from 'react';
import { BACKENDS, type BackendId } from '../../src/config';
import { probeOutcomeText } from '../backend/probeOutcome';
import { changeConfig } from '../engine/configActions';
import { useConfigStore, useRunStore } from '../store/hooks';

/** Display names of the backends. */
export const BACKEND_NAMES: Record<BackendId, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU (plain JS)' };

/** The backend banner in the header. */
export function BackendBanner() {
  const backend = useRunStore((s) => s.backend);
  const choice = useConfigStore((s) => s.config.backend);
  const autoSpeeds = useRunStore((s) => s.autoSpeeds);
  const [error, setError] = useState<string | null>(null);
  const fallback = backend?.adapter?.isFallbackAdapter === true;
  return (
    <div className={`backend-banner${fallback ? ' is-warning' : ''}`} data-testid="backend-banner" data-backend={backend?.id ?? ''}>
      <div className="backend-banner__main">
        <span className={`backend-chip backend-chip--${backend?.id ?? 'none'}`}>{backend ? BACKEND_NAMES[backend.id] : 'Starting…'}</span>
        <span className="backend-banner__reason">{backend ? backend.reason : 'Choosing a backend…'}</span>
        <label className="backend-banner__select">
          <span>Backend</span>
          <select
            data-testid="backend-select"
            value={choice}
            onChange={(e) => {
              const value = e.target.value;
              const next = value === 'auto' ? 'auto' : BACKENDS.find((b) => b === value);
              if (next) setError(changeConfig({ backend: next })[0] ?? null);
            }}
          >
            <option value="auto">Auto (measured fastest)</option>
            {BACKENDS.map((b) => (
              <option key={b} value={b}>
                {BACKEND_NAMES[b]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {autoSpeeds && (
        <p className="backend-banner__speeds" data-testid="auto-speeds">
          {choice === 'auto' ? 'Auto measured this run: ' : 'Measured for this run: '}
          {(Object.entries(autoSpeeds.measured) as [BackendId, number][])
            .sort((a, b) => b[1] - a[1])
            .map(([id, v]) => `${BACKEND_NAMES[id]} ${probeOutcomeText({ stepsPerSecond: v, tooSlow: autoSpeeds.tooSlow?.includes(id) === true, emulated: id === 'webgpu' && autoSpeeds.emulatedWebgpu })}`)
            .join(', ')}
          {autoSpeeds.measuring && ` — timing ${BACKEND_NAMES[autoSpeeds.measuring]}…`}
        </p>
      )}
      {fallback && (
        <p className="backend-banner__warning" role="status" data-testid="fallback-warning">
          ⚠ Your browser emulates the GPU in software: expect slow training on WebGPU.{choice === 'auto' ? ' Auto measures the other backends and moves the run to the fastest.' : ' Choose Auto to let the app measure the other backends.'}
        </p>
      )}
      {backend?.adapter && (
        <p className="backend-banner__detail">
          Adapter: {[backend.adapter.vendor, backend.adapter.architecture, backend.adapter.description].filter((s) => s).join(' · ') || 'unknown'}
        </p>
      )}
      {backend && backend.skipped.length > 0 && (
        <ul className="backend-banner__skipped">
          {backend.skipped.map((s) => (
            <li key={s.id}>
              Skipped {BACKEND_NAMES[s.id]}: {s.why}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
