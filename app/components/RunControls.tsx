/** Play, pause, step, reset, with the step counter, speed and run state. */
import { useState } from 'react';
import type { RunState } from '../../src/protocol';
import { sendCommand } from '../engine/engineClient';
import { clearMetrics } from '../store/metricsStore';
import { useRunStore } from '../store/hooks';
import { runStore } from '../store/runStore';

const STATE_LABELS: Record<RunState, string> = {
  booting: 'Starting the engine',
  building: 'Building the run',
  idle: 'Ready',
  running: 'Training',
  paused: 'Paused',
  error: 'Stopped on an error',
};

const STEP_SIZES = [1, 10, 100] as const;

/** The run toolbar. */
export function RunControls() {
  const state = useRunStore((s) => s.state);
  const step = useRunStore((s) => s.step);
  const speed = useRunStore((s) => s.stepsPerSecond);
  const hasCatalog = useRunStore((s) => s.catalog !== null);
  const [stepSize, setStepSize] = useState<number>(1);
  const running = state === 'running';
  const starting = state === 'booting' && !hasCatalog;
  return (
    <div className="run-controls" data-state={state}>
      <div className="run-controls__buttons">
        <button type="button" className="btn btn--primary" data-testid="btn-play" disabled={running || starting} onClick={() => sendCommand({ type: 'start' })}>
          ▶ Play
        </button>
        <button type="button" className="btn" data-testid="btn-pause" disabled={!running} onClick={() => sendCommand({ type: 'pause' })}>
          ❚❚ Pause
        </button>
        <span className="btn-group">
          <button type="button" className="btn" data-testid="btn-step" disabled={running || starting} onClick={() => sendCommand({ type: 'step', n: stepSize })}>
            Step
          </button>
          <select aria-label="Steps per click" data-testid="select-step-size" value={stepSize} onChange={(e) => setStepSize(Number(e.target.value))}>
            {STEP_SIZES.map((n) => (
              <option key={n} value={n}>
                ×{n}
              </option>
            ))}
          </select>
        </span>
        <button
          type="button"
          className="btn"
          data-testid="btn-reset"
          disabled={starting}
          title="Re-initialise the weights and method state from the seed"
          onClick={() => {
            clearMetrics();
            runStore.setState({ stepsPerSecond: null });
            sendCommand({ type: 'reset' });
          }}
        >
          ↺ Reset
        </button>
      </div>
      <div className="run-controls__stats">
        <span className="stat">
          <span className="stat__label">Step</span>
          <span className="stat__value" data-testid="step-counter">
            {step}
          </span>
        </span>
        <span className="stat">
          <span className="stat__label">Steps/s</span>
          <span className="stat__value" data-testid="steps-per-second">
            {speed === null ? '–' : speed.toFixed(speed < 10 ? 1 : 0)}
          </span>
        </span>
        <span className={`status status--${state}`} data-testid="run-status">
          <span className="status__dot" aria-hidden="true" />
          {STATE_LABELS[state]}
        </span>
      </div>
    </div>
  );
}
