/**
 * Follow-on changes when the user picks a dataset, model or task: a model that cannot
 * take the new dataset is swapped for one that can, a supervised run on a dataset without
 * labels (an unlabelled import: one class) becomes self-supervised, an objective of the wrong task for
 * one of the right task, and methods that can no longer run are switched off, each
 * with a sentence saying why. Pure: no store, no DOM.
 */
import { canBeObjective, termUnavailableReason, type Catalog } from './catalog';
import type { RunConfig } from './config';
import { usableObjectives } from './usableObjectives';

/** The patch with its follow-on changes, and what was changed on the user's behalf. */
export interface FixedPatch {
  patch: Partial<RunConfig>;
  notes: string[];
}

/** Completes a dataset/model/task patch so the resulting config can run. */
export function withDependentFixes(current: RunConfig, patch: Partial<RunConfig>, catalog: Catalog): FixedPatch {
  const next: RunConfig = { ...current, ...patch };
  const out: Partial<RunConfig> = { ...patch };
  const notes: string[] = [];
  const dataset = catalog.datasets.find((d) => d.id === next.dataset);
  let model = catalog.models.find((m) => m.id === next.model);
  if (dataset && model && !model.accepts.includes(dataset.kind) && patch.model === undefined) {
    const replacement = catalog.models.find((m) => m.accepts.includes(dataset.kind));
    if (replacement) {
      notes.push(`The ${model.label} cannot take ${dataset.label}, so the model is now the ${replacement.label}.`);
      out.model = replacement.id;
      next.model = replacement.id;
      model = replacement;
    }
  }
  if (dataset && dataset.classes.length < 2 && next.task === 'supervised') {
    notes.push(`${dataset.label} has no labels to learn (${dataset.classes.length === 1 ? 'one class' : 'no class'}), so the run is now self-supervised.`);
    out.task = 'ssl';
    next.task = 'ssl';
  }
  const objective = catalog.terms.find((t) => t.id === next.objective && canBeObjective(t));
  if (!objective || termUnavailableReason(objective, next.task, dataset, model)) {
    const replacement = usableObjectives(catalog, next)[0];
    if (replacement && replacement.id !== next.objective) {
      if (objective) notes.push(`${objective.label} does not fit a ${next.task === 'ssl' ? 'self-supervised' : 'supervised'} run, so the objective is now ${replacement.label}.`);
      out.objective = replacement.id;
      next.objective = replacement.id;
    }
  }
  const kept: string[] = [];
  for (const id of next.methods) {
    const term = catalog.terms.find((t) => t.id === id);
    const why = term ? termUnavailableReason(term, next.task, dataset, model) : null;
    if (term && why) notes.push(`${term.label} was switched off: ${why}`);
    else kept.push(id);
  }
  if (kept.length !== next.methods.length) out.methods = kept;
  return { patch: out, notes };
}
