/**
 * Dataset cards with their thumbnails; picking one rebuilds the run. Imported datasets are
 * listed after the built-in ones with a delete button, below them the drop zone for the
 * user's own data, and, when the page's link names an imported dataset this browser does
 * not have, a note offering to import it.
 */
import { useState } from 'react';
import type { DatasetSpec } from '../../src/catalog';
import { isUserDatasetId } from '../../src/data/import/storedDataset';
import { useStore } from 'zustand';
import { changeConfigOrNotify } from '../engine/configActions';
import { deleteImported } from '../import/importClient';
import { forgetLinkedDataset, linkedDatasetStore, missingLinkedDataset } from '../import/linkedDataset';
import { useConfigStore, useRunStore } from '../store/hooks';
import { ImportDialog } from './ImportDialog';
import { ImportDropZone } from './ImportDropZone';
import { Panel } from './Panel';
import { RgbaCanvas } from './RgbaCanvas';

/** The delete button of an imported dataset's card: asks once, then deletes. The dataset in use cannot be deleted. */
function DeleteImported({ dataset, inUse }: { dataset: DatasetSpec; inUse: boolean }) {
  const [asking, setAsking] = useState(false);
  if (asking) {
    return (
      <span className="dataset-card__delete-ask">
        <button type="button" className="btn btn--small btn--danger" data-testid={`dataset-delete-confirm-${dataset.id}`} onClick={() => void deleteImported(dataset.id)}>
          Delete
        </button>
        <button type="button" className="btn btn--small" onClick={() => setAsking(false)}>
          Keep
        </button>
      </span>
    );
  }
  return (
    <button
      type="button"
      className="dataset-card__delete"
      data-testid={`dataset-delete-${dataset.id}`}
      disabled={inUse}
      title={inUse ? 'Pick another dataset before deleting this one.' : `Delete ${dataset.label} from this browser`}
      aria-label={`Delete ${dataset.label}`}
      onClick={() => setAsking(true)}
    >
      ×
    </button>
  );
}

/** The note for a link whose imported dataset lives on the sender's machine. */
function LinkedDatasetNote({ id }: { id: string }) {
  return (
    <div className="import-linked" role="note" data-testid="import-linked">
      <p>
        This link trains on a dataset that was imported on the sender&apos;s machine (<code>{id}</code>). Imported data never leaves the browser it was imported in, so it did not come with the
        link, and the run uses a built-in dataset meanwhile. To train on it here, import the same files: drop them below or choose them.
      </p>
      <button type="button" className="btn btn--small" onClick={forgetLinkedDataset}>
        Dismiss
      </button>
    </div>
  );
}

/** The dataset picker. */
export function DatasetPicker() {
  const datasets = useRunStore((s) => s.catalog?.datasets ?? null);
  const thumbnails = useRunStore((s) => s.thumbnails);
  const current = useConfigStore((s) => s.config.dataset);
  const linkDismissed = useStore(linkedDatasetStore, (s) => s.dismissed);
  if (!datasets) return null;
  const missing = linkDismissed ? null : missingLinkedDataset(datasets.map((d) => d.id));
  return (
    <Panel title="Dataset" hint="Picking another dataset starts a new run.">
      {missing && <LinkedDatasetNote id={missing} />}
      <div className="dataset-grid">
        {datasets.map((d) => {
          const thumb = thumbnails[d.id];
          const selected = d.id === current;
          const imported = isUserDatasetId(d.id);
          return (
            <div key={d.id} className={`dataset-card__slot${imported ? ' is-imported' : ''}`}>
              <button
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
                  {d.kind === 'image' ? d.shape.join('×') : `${d.shape[0] ?? '?'} features`} · {d.classes.length < 2 ? 'no labels' : `${d.classes.length} classes`}
                </span>
              </button>
              {imported && <DeleteImported dataset={d} inUse={selected} />}
            </div>
          );
        })}
      </div>
      <ImportDropZone />
      <ImportDialog />
    </Panel>
  );
}
