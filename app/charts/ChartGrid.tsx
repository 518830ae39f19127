/** The grid of charts: the collapse diagnostics, then one chart for the objective and each enabled method that draws one. */
import { useConfigStore, useRunStore } from '../store/hooks';
import { AccuracyChart } from './AccuracyChart';
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
  const terms = useRunStore((s) => s.catalog?.terms ?? null) ?? [];
  const charted = [objective, ...methods].map((id) => terms.find((t) => t.id === id)).filter((t) => t !== undefined && t.chart.kind !== 'none');
  return (
    <div className="charts">
      <VitalsBar />
      <div className="chart-grid">
        <SpectrumChart />
        <RankChart />
        <LossChart />
        <StdChart />
        <AccuracyChart />
        {charted.map((t) => t && <TermChart key={t.id} term={t} />)}
      </div>
    </div>
  );
}
