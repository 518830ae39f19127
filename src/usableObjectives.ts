/**
 * Which base objectives a run can use: the rule both the UI's follow-on fixes and the
 * link decoder use to pick a replacement objective when the task changes. Pure: no tfjs.
 */
import { canBeObjective, termUnavailableReason, type Catalog, type TermSpec } from './catalog';
import type { RunConfig } from './config';

/** The objectives that can run with the run's task, dataset and model, in catalog order (the first is the fallback). */
export function usableObjectives(catalog: Catalog, run: Pick<RunConfig, 'task' | 'dataset' | 'model'>): TermSpec[] {
  const dataset = catalog.datasets.find((d) => d.id === run.dataset);
  const model = catalog.models.find((m) => m.id === run.model);
  return catalog.terms.filter((t) => canBeObjective(t) && termUnavailableReason(t, run.task, dataset, model) === null);
}
