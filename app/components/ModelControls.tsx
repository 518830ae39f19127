/** Model family and size, and the seed: all of these rebuild the run. */
import { changeConfig } from '../engine/configActions';
import { useConfigStore, useRunStore } from '../store/hooks';
import { useState } from 'react';
import { Panel } from './Panel';
import { RunParamControl } from './RunParamControl';

/** The model panel. */
export function ModelControls() {
  const models = useRunStore((s) => s.catalog?.models ?? null);
  const datasets = useRunStore((s) => s.catalog?.datasets ?? null);
  const model = useConfigStore((s) => s.config.model);
  const datasetId = useConfigStore((s) => s.config.dataset);
  const [error, setError] = useState<string | null>(null);
  if (!models || !datasets) return null;
  const dataset = datasets.find((d) => d.id === datasetId);
  const spec = models.find((m) => m.id === model);
  return (
    <Panel title="Model" hint={<>Changing anything here <strong>rebuilds the run</strong> from step 0.</>}>
      <div className="param">
        <label className="param__label" htmlFor="select-model">
          Architecture
        </label>
        <select
          id="select-model"
          data-testid="select-model"
          value={model}
          onChange={(e) => setError(changeConfig({ model: e.target.value }, { fixDependents: true })[0] ?? null)}
        >
          {models.map((m) => (
            <option key={m.id} value={m.id} disabled={dataset ? !m.accepts.includes(dataset.kind) : false}>
              {m.label}
            </option>
          ))}
        </select>
        {spec && <span className="param__help">{spec.summary}</span>}
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <div className="param-grid">
        <RunParamControl name="width" />
        <RunParamControl name="depth" />
        <RunParamControl name="embedDim" />
        <RunParamControl name="seed" />
      </div>
    </Panel>
  );
}
