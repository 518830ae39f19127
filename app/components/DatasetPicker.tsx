/** Dataset cards with their thumbnails; picking one rebuilds the run. */
import { changeConfigOrNotify } from '../engine/configActions';
import { useConfigStore, useRunStore } from '../store/hooks';
import { Panel } from './Panel';
import { RgbaCanvas } from './RgbaCanvas';

/** The dataset picker. */
export function DatasetPicker() {
  const datasets = useRunStore((s) => s.catalog?.datasets ?? null);
  const thumbnails = useRunStore((s) => s.thumbnails);
  const current = useConfigStore((s) => s.config.dataset);
  if (!datasets) return null;
  return (
    <Panel title="Dataset" hint="Picking another dataset starts a new run.">
      <div className="dataset-grid">
        {datasets.map((d) => {
          const thumb = thumbnails[d.id];
          const selected = d.id === current;
          return (
            <button
              key={d.id}
              type="button"
              className={`dataset-card${selected ? ' is-selected' : ''}`}
              data-testid={`dataset-${d.id}`}
              aria-pressed={selected}
              title={d.source}
              onClick={() => {
                if (!selected) changeConfigOrNotify({ dataset: d.id }, { fixDependents: true });
              }}
            >
              {thumb ? (
                <RgbaCanvas className="dataset-card__thumb" width={thumb.width} height={thumb.height} rgba={thumb.rgba} />
              ) : (
                <span className="dataset-card__thumb dataset-card__thumb--empty">{d.kind === 'points' ? '⋰' : '…'}</span>
              )}
              <span className="dataset-card__label">{d.label}</span>
              <span className="dataset-card__meta">
                {d.kind === 'image' ? d.shape.join('×') : `${d.shape[0] ?? '?'} features`} · {d.classes.length} classes
              </span>
            </button>
          );
        })}
      </div>
    </Panel>
  );
}
