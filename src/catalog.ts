/**
 * The engine's self-description: what datasets, models and loss terms exist and what
 * knobs they have. The worker sends it to the UI once it is ready, and the UI builds
 * every picker and method card from it, so the UI never imports an implementation.
 * Pure data: no tfjs here.
 */
import type { Task } from './config';
import type { ParamSpecs } from './params';

/** What a loss term needs from the run to be usable. */
export interface TermNeeds {
  /** Needs class labels (supervised runs only). */
  labels?: boolean;
  /** Needs size-keeping residual blocks to attach to; the trainer records their inputs and outputs. */
  blocks?: boolean;
  /** Needs image inputs (masking works on pixels). */
  images?: boolean;
}

/** How a term's own chart is drawn. */
export type TermChartKind = 'lines' | 'heatmap' | 'images' | 'none';

/** The metadata of one loss term (a baseline objective or a seed method); `P` types its knobs. */
export interface TermSpec<P extends ParamSpecs = ParamSpecs> {
  id: string;
  label: string;
  /** 'objective': the base loss, exactly one is chosen; 'method': an add-on regularizer, any subset. */
  role: 'objective' | 'method';
  /**
   * A method whose loss is complete on its own (it has its own invariance term), so it can
   * also be the objective, exactly as its authors train it (CorInfoMax and IMSVD set it).
   */
  standalone?: boolean;
  /** Which task the term belongs to, or both. */
  tasks: readonly Task[];
  needs: TermNeeds;
  params: P;
  /** The formula, in plain text, as the method card shows it. */
  formula: string;
  /** The same formula in TeX, typeset (KaTeX) on method cards and lessons; the plain text is shown where it is absent. */
  formulaTex?: string;
  /** One line: what it does. */
  summary: string;
  /** Path of its card under seeds/ (seed methods) or null. */
  card: string | null;
  /** True where no public code exists and the formulation is ours (CIR, masking + mixing). */
  reconstructed: boolean;
  /** Which kind of chart its diagnostics draw, and their title. */
  chart: { kind: TermChartKind; title: string; yLabel?: string };
  /** Whether it keeps state across steps (reset by Reset, kept across toggles). */
  stateful: boolean;
  /** Objectives whose loss trains the classifier head (cross-entropy); otherwise the head is a linear probe. */
  trainsClassifier?: boolean;
}

/** The metadata of one dataset. */
export interface DatasetSpec {
  id: string;
  label: string;
  /** 'image': NHWC pixels in [0, 1]; 'points': [N, F] vectors. */
  kind: 'image' | 'points';
  /** Image height, width, channels, or [features] for points. */
  shape: readonly number[];
  classes: readonly string[];
  /**
   * Images only: whether a left-right mirror keeps an image's class, so augmentation may
   * flip it (false or absent for digits, where a mirrored 7 is not a 7).
   */
  mirrorKeepsClass?: boolean;
  /** One line: where the data comes from. */
  source: string;
}

/** The metadata of one model family. */
export interface ModelSpec {
  id: string;
  label: string;
  /** Which dataset kinds it accepts. */
  accepts: readonly ('image' | 'points')[];
  /** Whether it has size-keeping residual blocks (where ρSIM heads attach). */
  hasBlocks: boolean;
  summary: string;
}

/** Everything the UI needs to know about the engine. */
export interface Catalog {
  terms: TermSpec[];
  datasets: DatasetSpec[];
  models: ModelSpec[];
}

/** Whether a term can be a run's objective: an objective, or a method that stands alone. */
export function canBeObjective(term: Pick<TermSpec, 'role' | 'standalone'>): boolean {
  return term.role === 'objective' || term.standalone === true;
}

/**
 * Why a term cannot run with the given choices, or null when it can. The UI shows
 * this sentence next to the disabled toggle; the trainer refuses the same way.
 */
export function termUnavailableReason(term: TermSpec, task: Task, dataset: DatasetSpec | undefined, model: ModelSpec | undefined): string | null {
  if (!term.tasks.includes(task)) return `${term.label} is for ${term.tasks.join(' / ')} runs; this run is ${task === 'ssl' ? 'self-supervised' : 'supervised'}.`;
  if (term.needs.labels && task !== 'supervised') return `${term.label} needs class labels: switch the task to supervised.`;
  if (term.needs.blocks && model && !model.hasBlocks) return `${term.label} attaches to size-keeping residual blocks; the ${model.label} has none.`;
  if (term.needs.images && dataset && dataset.kind !== 'image') return `${term.label} masks image patches; ${dataset.label} is not an image dataset.`;
  return null;
}
