/**
 * The collapse metrics registry: scalar metric id -> label and implementation, plus
 * `computeCollapseMetrics`, which the engine calls every K steps to fill the
 * `spectrum` and `scalars` of a `MetricsReport`. Adding a scalar metric is one entry here.
 */
import type { Scalars } from '../protocol';
import { alignment, uniformity } from './alignmentUniformity';
import type { EmbeddingSnapshot } from './embeddingSnapshot';
import { knnAccuracy } from './knn';
import { MetricInputs } from './metricInputs';
import { rankMeFromSingularValues } from './rankme';
import { stdOfNormalized, stdReference } from './stdNormalized';

/** One scalar collapse metric. */
export interface CollapseMetric {
  /** Chart / legend label. */
  label: string;
  /** The metric's value, or null when the snapshot lacks what it needs (e.g. a second view). */
  compute(inputs: MetricInputs): number | null;
}

/** Every scalar collapse metric, by the key it has in `MetricsReport.scalars`. */
export const METRICS = {
  rankme: {
    label: 'RankMe',
    compute: (m) => rankMeFromSingularValues(m.singularValues),
  },
  stdL2: {
    label: 'Std of L2-normalised embeddings',
    compute: (m) => stdOfNormalized(m.normalized, m.n, m.d),
  },
  stdRef: {
    label: 'Reference 1/sqrt(D)',
    compute: (m) => stdReference(m.d),
  },
  alignment: {
    label: 'Alignment',
    compute: (m) => {
      const other = m.normalizedOther;
      return other ? alignment(m.normalized, other, m.n, m.d) : null;
    },
  },
  uniformity: {
    label: 'Uniformity',
    compute: (m) => uniformity(m.normalized, m.n, m.d),
  },
  knnAccuracy: {
    label: 'kNN accuracy',
    compute: (m) => (m.snapshot.knn ? knnAccuracy(m.snapshot.knn, m.d) : null),
  },
} as const satisfies Record<string, CollapseMetric>;

/** The id of a registered scalar collapse metric. */
export type CollapseMetricId = keyof typeof METRICS;

/** What the collapse metrics contribute to a `MetricsReport`. */
export interface CollapseMetrics {
  /** Covariance eigenvalues, descending. */
  spectrum: number[];
  /** Every applicable scalar metric, by id. */
  scalars: Scalars;
}

/**
 * Computes the covariance spectrum and every applicable scalar metric of a snapshot:
 * always `rankme`, `stdL2`, `stdRef`, `uniformity`; `alignment` when `z2` is given;
 * `knnAccuracy` when a kNN set is given. Shared intermediates are computed once.
 */
export function computeCollapseMetrics(snapshot: EmbeddingSnapshot): CollapseMetrics {
  const inputs = new MetricInputs(snapshot);
  const scalars: Scalars = {};
  for (const [id, metric] of Object.entries(METRICS) as [CollapseMetricId, CollapseMetric][]) {
    const value = metric.compute(inputs);
    if (value !== null) scalars[id] = value;
  }
  return { spectrum: Array.from(inputs.covarianceSpectrum), scalars };
}
