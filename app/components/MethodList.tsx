/** One card per add-on method (`role: 'method'` terms of the catalog). */
import { useConfigStore, useRunStore } from '../store/hooks';
import { MethodCard } from './MethodCard';
import { Panel } from './Panel';

/** The list of method cards. */
export function MethodList() {
  const terms = useRunStore((s) => s.catalog?.terms ?? null);
  const onCount = useConfigStore((s) => s.config.methods.length);
  if (!terms) return null;
  const methods = terms.filter((t) => t.role === 'method');
  return (
    <Panel
      title="Anti-collapse methods"
      hint="Switch regularizers on and off while training runs, and watch the spectrum respond."
      aside={<span className="pill">{onCount === 0 ? 'none on' : `${onCount} on`}</span>}
    >
      <div className="method-list">
        {methods.map((t) => (
          <MethodCard key={t.id} term={t} />
        ))}
      </div>
    </Panel>
  );
}
