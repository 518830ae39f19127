/** Model family and size, normalisation, and the seed: all of these rebuild the run. */
import { NORM_CHOICES, type NormField } from '../../src/config';
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
      <div className="param-row">
        {(Object.keys(NORM_CHOICES) as NormField[]).map((field) => (
          <NormSelect key={field} field={field} onError={setError} />
        ))}
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

/** One normalisation select (backbone or heads). */
function NormSelect({ field, onError }: { field: NormField; onError: (e: string | null) => void }) {
  const value = useConfigStore((s) => s.config[field]);
  const spec = NORM_CHOICES[field];
  return (
    <div className="param">
      <label className="param__label" htmlFor={`select-${field}`}>
        {spec.label}
      </label>
      <select
        id={`select-${field}`}
        data-testid={`select-${field}`}
        value={value}
        title={spec.help}
        onChange={(e) => {
          const kind = spec.options.find((o) => o.value === e.target.value)?.value;
          if (kind) onError(changeConfig({ [field]: kind })[0] ?? null);
        }}
      >
        {spec.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
