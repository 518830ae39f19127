/**
 * The grid of charts: the collapse diagnostics, then one chart for the objective and each
 * method that draws one, enabled in the main run or in a compared run.
 */
import { useStore } from 'zustand';
import { compareStore } from '../compare/compareStore';
import { useConfigStore, useRunStore } from '../store/hooks';
import { AccuracyChart } from './AccuracyChart';
import { EmbeddingChart } from './EmbeddingChart';
import { InputSpaceChart } from './InputSpaceChart';
import { LossChart } from './LossChart';
import { RankChart } from './RankChart';
import { SpectrumChart } from './SpectrumChart';
import { StdChart } from './StdChart';
import { TermChart } from './TermChart';
import { VitalsBar } from './VitalsBar';

/** All charts. */
export function ChartGrid() {
  const methods = useConfigStore((s) => s.config.methods);
  const objective = useConfigStore((s) => s.config.objective);
  const compared = useStore(compareStore, (s) => s.runs);
  const terms = useRunStore((s) => s.catalog?.terms ?? null) ?? [];
  const ids = new Set([objective, ...methods, ...compared.flatMap((r) => [r.config.objective, ...r.config.methods])]);
  const charted = [...ids].map((id) => terms.find((t) => t.id === id)).filter((t) => t !== undefined && t.chart.kind !== 'none');
  return (
    <div className="charts">
      <VitalsBar />
      <div className="chart-grid">
        <SpectrumChart />
        <RankChart />
        <LossChart />
        <StdChart />
        <AccuracyChart />
        <EmbeddingChart />
        <InputSpaceChart />
        {charted.map((t) => t && <TermChart key={t.id} term={t} />)}
      </div>
    </div>
  );
}
