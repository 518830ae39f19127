/**
 * The embeddings of the fixed evaluation batch (the first test images) on their top two
 * principal directions, coloured by class: a canvas scatter per run (the main run, then each
 * compared run with its label), redrawn only when an evaluation report (every 4th) brings a
 * new projection. Both axes share one scale whose half-width is at least half the embeddings'
 * RMS norm (./scatterGeometry.ts), so collapse shows at a glance: the points fold onto a line
 * (one direction left, PC1 near 100 % of the variance) or shrink to a dot (no spread left).
 */
import type { EmbeddingProjection } from '../../src/protocol';
import { useRunSeries } from '../compare/useRunSeries';
import { useConfigStore, useRunStore } from '../store/hooks';
import { ChartPanel } from './ChartPanel';
import { ClassLegend, ClassScatter } from './ClassScatter';
import { useLatestPerRun } from './latestPerRun';
import { embeddingHalfWidth, formatShare } from './scatterGeometry';
import { useNoMetricsText } from './useNoMetricsText';

/** Props of EmbeddingScatter. */
interface EmbeddingScatterProps {
  runId: string;
  /** The run's name beside the others (none when it is alone). */
  runLabel: string | null;
  color: string;
  step: number;
  embedding: EmbeddingProjection;
}

/** One run's scatter with its axes' explained variance. */
function EmbeddingScatter({ runId, runLabel, color, step, embedding }: EmbeddingScatterProps) {
  const [pc1, pc2] = embedding.explained;
  return (
    <div className="scatter" data-testid="embedding-scatter" data-run={runId} data-step={step} data-pc1={pc1} data-pc2={pc2} data-source={embedding.source} data-points={embedding.x.length}>
      {runLabel !== null && (
        <span className="scatter__run" style={{ color }}>
          {runLabel}
        </span>
      )}
      <div className="scatter__plot">
        <span className="scatter__ylabel">PC2 ({formatShare(pc2)} of variance)</span>
        <ClassScatter
          points={embedding}
          halfWidth={embeddingHalfWidth(embedding)}
          label={`${embedding.x.length} embeddings at step ${step}: PC1 holds ${formatShare(pc1)} of the variance, PC2 ${formatShare(pc2)}`}
        />
        <span className="scatter__xlabel">PC1 ({formatShare(pc1)} of variance)</span>
      </div>
      <span className="scatter__note">
        step {step} · {embedding.x.length} test images · computed on the {embedding.source === 'device' ? 'GPU' : 'CPU'}
      </span>
    </div>
  );
}

/** The embedding chart. */
export function EmbeddingChart() {
  const noMetrics = useNoMetricsText();
  const runs = useRunSeries();
  const task = useConfigStore((s) => s.config.task);
  const datasetId = useConfigStore((s) => s.config.dataset);
  const classes = useRunStore((s) => s.catalog?.datasets.find((d) => d.id === datasetId)?.classes ?? null);
  const kept = useLatestPerRun(runs, (r) => r.embedding);
  const alone = runs.length === 1;
  const shown = runs.flatMap((run, i) => {
    const k = kept[i];
    return k ? [{ run, step: k.step, embedding: k.value }] : [];
  });
  const nothing = runs.every((r) => !r.latest);
  return (
    <ChartPanel
      testId="chart-embedding"
      title="Embeddings on their principal plane"
      subtitle={`The test images' ${task === 'ssl' ? 'projector outputs' : 'backbone features'} on their top two principal directions, by class. Collapse folds them onto a line or a dot.`}
      empty={nothing ? noMetrics : shown.length === 0 ? 'The scatter comes with the first evaluation (every 4th metrics report).' : null}
    >
      <div className="scatters">
        {shown.map(({ run, step, embedding }) => (
          <EmbeddingScatter key={run.id} runId={run.id} runLabel={alone ? null : run.label || 'this run'} color={run.color} step={step} embedding={embedding} />
        ))}
      </div>
      {classes && <ClassLegend classes={classes} />}
    </ChartPanel>
  );
}
