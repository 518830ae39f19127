/** Task, base objective (with its knobs) and optimisation: all live, no rebuild. */
import { useState } from 'react';
import { canBeObjective, termUnavailableReason } from '../../src/catalog';
import { TASKS } from '../../src/config';
import { changeConfig } from '../engine/configActions';
import { useConfigStore, useRunStore } from '../store/hooks';
import { Formula } from './Formula';
import { Panel } from './Panel';
import { RunParamControl } from './RunParamControl';
import { TermParams } from './TermParams';

/** The task and training panel. */
export function TaskControls() {
  const catalog = useRunStore((s) => s.catalog);
  const config = useConfigStore((s) => s.config);
  const [error, setError] = useState<string | null>(null);
  if (!catalog) return null;
  const dataset = catalog.datasets.find((d) => d.id === config.dataset);
  const model = catalog.models.find((m) => m.id === config.model);
  const objectives = catalog.terms.filter((t) => canBeObjective(t) && t.tasks.includes(config.task));
  const objective = catalog.terms.find((t) => t.id === config.objective);
  const apply = (errors: string[]): void => setError(errors[0] ?? null);
  return (
    <Panel title="Task & objective" hint="Changes here apply live, between two steps.">
      <div className="param-row">
        <div className="param">
          <label className="param__label" htmlFor="select-task">
            Task
          </label>
          <select
            id="select-task"
            data-testid="select-task"
            value={config.task}
            onChange={(e) => {
              const task = TASKS.find((t) => t === e.target.value);
              if (task) apply(changeConfig({ task }, { fixDependents: true }));
            }}
          >
            <option value="ssl">Self-supervised</option>
            <option value="supervised">Supervised</option>
          </select>
        </div>
        <div className="param">
          <label className="param__label" htmlFor="select-objective">
            Objective
          </label>
          <select id="select-objective" data-testid="select-objective" value={config.objective} onChange={(e) => apply(changeConfig({ objective: e.target.value }))}>
            {objectives.map((t) => {
              const why = termUnavailableReason(t, config.task, dataset, model);
              return (
                <option key={t.id} value={t.id} disabled={why !== null} title={why ?? t.summary}>
                  {t.role === 'method' ? `${t.label} alone (as its authors train it)` : t.label}
                </option>
              );
            })}
          </select>
        </div>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {objective && (
        <div className="objective">
          <p className="objective__summary">{objective.summary}</p>
          <Formula term={objective} />
          <TermParams term={objective} />
        </div>
      )}
      <div className="param-row">
        <div className="param">
          <label className="param__label" htmlFor="select-optimizer">
            Optimizer
          </label>
          <select
            id="select-optimizer"
            data-testid="select-optimizer"
            value={config.optimizer}
            onChange={(e) => apply(changeConfig({ optimizer: e.target.value === 'sgd' ? 'sgd' : 'adam' }))}
          >
            <option value="adam">Adam</option>
            <option value="sgd">SGD</option>
          </select>
        </div>
        <RunParamControl name="batchSize" />
      </div>
      <div className="param-grid">
        <RunParamControl name="lr" />
        <RunParamControl name="metricsEvery" />
        <RunParamControl name="stopAt" />
      </div>
    </Panel>
  );
}
