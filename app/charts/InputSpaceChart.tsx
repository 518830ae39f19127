/**
 * On the 2-D toy datasets (blobs, rings, spirals): the input plane coloured by what the network
 * learned (the classifier's class at each point of a grid; the online linear probe in SSL runs)
 * with the test points on top, one canvas per run, redrawn only when an evaluation report
 * (every 4th) brings a new map. Shown only for datasets of 2-D points.
 */
import type { InputSpaceMap } from '../../src/protocol';
import { useRunSeries } from '../compare/useRunSeries';
import { useConfigStore, useRunStore } from '../store/hooks';
import { ChartPanel } from './ChartPanel';
import { ClassLegend, ClassScatter } from './ClassScatter';
import { useLatestPerRun } from './latestPerRun';
import { useNoMetricsText } from './useNoMetricsText';
import { formatNumber } from './chartFormat';
import { regionsHalfWidth } from './scatterGeometry';

/** Props of InputSpacePlot. */
interface InputSpacePlotProps {
  runId: string;
  runLabel: string | null;
  color: string;
  step: number;
  map: InputSpaceMap;
}

/** One run's map: the grid's cells fill the square exactly. */
function InputSpacePlot({ runId, runLabel, color, step, map }: InputSpacePlotProps) {
  const halfWidth = regionsHalfWidth(map.size, map.extent);
  const predicted = new Set(map.labels).size;
  return (
    <div className="scatter" data-testid="input-space-map" data-run={runId} data-step={step} data-size={map.size} data-predicted-classes={predicted} data-points={map.points.x.length}>
      {runLabel !== null && (
        <span className="scatter__run" style={{ color }}>
          {runLabel}
        </span>
      )}
      <div className="scatter__plot">
        <span className="scatter__ylabel">x₂ (±{formatNumber(halfWidth)})</span>
        <ClassScatter points={map.points} halfWidth={halfWidth} regions={map} label={`The input plane at step ${step}: ${predicted} of the classes predicted somewhere, with ${map.points.x.length} test points`} />
        <span className="scatter__xlabel">x₁ (±{formatNumber(halfWidth)})</span>
      </div>
      <span className="scatter__note">step {step}</span>
    </div>
  );
}

/** The input-space chart (nothing for image datasets). */
export function InputSpaceChart() {
  const noMetrics = useNoMetricsText();
  const runs = useRunSeries();
  const task = useConfigStore((s) => s.config.task);
  const datasetId = useConfigStore((s) => s.config.dataset);
  const dataset = useRunStore((s) => s.catalog?.datasets.find((d) => d.id === datasetId) ?? null);
  const kept = useLatestPerRun(runs, (r) => r.inputSpace);
  if (dataset?.kind !== 'points') return null;
  const alone = runs.length === 1;
  const shown = runs.flatMap((run, i) => {
    const k = kept[i];
    return k ? [{ run, step: k.step, map: k.value }] : [];
  });
  const nothing = runs.every((r) => !r.latest);
  return (
    <ChartPanel
      testId="chart-input-space"
      title="What the network learned, in input space"
      subtitle={`Each point of the plane coloured by the class ${task === 'ssl' ? 'the online linear probe' : 'the classifier'} gives it, with the test points on top.`}
      empty={nothing ? noMetrics : shown.length === 0 ? 'The map comes with the first evaluation (every 4th metrics report).' : null}
    >
      <div className="scatters">
        {shown.map(({ run, step, map }) => (
          <InputSpacePlot key={run.id} runId={run.id} runLabel={alone ? null : run.label || 'this run'} color={run.color} step={step} map={map} />
        ))}
      </div>
      <ClassLegend classes={dataset.classes} />
    </ChartPanel>
  );
}
