/**
 * One run in the library list: its name (renamed inline), when it was made, how far it
 * trained, its final RankMe and kept weights; buttons to pin it on the charts, export it
 * (JSON, CSV, weights), keep the weights of the run training now, and delete it.
 */
import { useRef, useState } from 'react';
import type { RunSummary } from '../../src/library/runRecord';
import { exportRun } from '../library/exportRun';
import { getRun, removeRun, renameRun, say } from '../library/libraryStore';
import { keepMainWeights } from '../library/mainRun';
import { pinRun, unpinRun } from '../library/pinning';
import { savedAtText } from '../library/savedAtText';

/** Props of LibraryRunRow. */
export interface LibraryRunRowProps {
  run: RunSummary;
  /** The run training now (it can keep weights; pinning it would draw it twice). */
  live: boolean;
  pinned: boolean;
  /** Its colour on the charts when pinned. */
  color: string | null;
}

/** A row of the library list. */
export function LibraryRunRow({ run, live, pinned, color }: LibraryRunRowProps) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Set by Escape: the edit is dropped, whatever blur follows. */
  const cancelled = useRef(false);
  const commit = async (name: string): Promise<void> => {
    if (cancelled.current || name.trim() === run.name) return setEditing(false);
    const why = await renameRun(run.id, name);
    setError(why);
    if (!why) setEditing(false);
  };
  const togglePin = async (): Promise<void> => {
    if (pinned) return unpinRun(run.id);
    const saved = await getRun(run.id);
    const why = typeof saved === 'string' ? `Not pinned: ${saved}.` : pinRun(saved.record);
    if (why) say('error', why);
  };
  const keep = async (): Promise<void> => {
    setBusy(true);
    await keepMainWeights();
    setBusy(false);
  };
  return (
    <li className={`library-run${live ? ' library-run--live' : ''}`} data-testid="library-run" data-run-id={run.id} data-pinned={pinned ? 'true' : 'false'}>
      <div className="library-run__head">
        {color && <span className="library-run__swatch" style={{ background: color }} aria-hidden="true" />}
        {editing ? (
          <input
            className="library-run__name-input"
            data-testid="library-rename-input"
            aria-label={`New name for ${run.name}`}
            defaultValue={run.name}
            autoFocus
            maxLength={120}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void commit(e.currentTarget.value);
              if (e.key === 'Escape') {
                cancelled.current = true;
                setEditing(false);
                setError(null);
              }
            }}
            onBlur={(e) => void commit(e.currentTarget.value)}
          />
        ) : (
          <button
            type="button"
            className="library-run__name"
            data-testid="library-run-name"
            title="Rename"
            onClick={() => {
              cancelled.current = false;
              setEditing(true);
            }}
          >
            {run.name}
          </button>
        )}
        {live && <span className="badge library-run__live">training now</span>}
      </div>
      <div className="library-run__meta">
        <span>{savedAtText(run.createdAt)}</span>
        <span data-testid="library-run-step">step {run.lastStep}</span>
        {run.finalRankme !== null && (
          <span>
            RankMe {run.finalRankme.toFixed(1)} / {run.embedDim}
          </span>
        )}
        {run.weightsStep !== null && <span>weights of step {run.weightsStep}</span>}
      </div>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
      <div className="library-run__actions">
        {live ? (
          <button type="button" className="btn btn--small" data-testid="library-keep-weights" disabled={busy} onClick={() => void keep()} title="Copy this run's weights now and keep them with it in the library">
            {busy ? 'Keeping…' : 'Keep weights'}
          </button>
        ) : (
          <button type="button" className="btn btn--small" data-testid="library-pin" aria-pressed={pinned} onClick={() => void togglePin()} title="Draw this saved run on every chart, beside the run training now">
            {pinned ? 'Unpin' : 'Pin'}
          </button>
        )}
        <button type="button" className="btn btn--small" data-testid="library-export-json" onClick={() => void exportRun(run.id, 'json')} title="Save the run (settings, history, kept weights) as a file that the library can import">
          JSON
        </button>
        <button type="button" className="btn btn--small" data-testid="library-export-csv" onClick={() => void exportRun(run.id, 'csv')} title="Save every line of the history as CSV, one row per report">
          CSV
        </button>
        <button type="button" className="btn btn--small" data-testid="library-export-weights" disabled={run.weightsStep === null} onClick={() => void exportRun(run.id, 'weights')} title={run.weightsStep === null ? 'No weights kept with this run' : 'Save the kept weights as a safetensors file'}>
          Weights
        </button>
        <button type="button" className="btn btn--small library-run__delete" data-testid="library-delete" onClick={() => void removeRun(run.id)} aria-label={`Delete ${run.name}`} title="Delete this run from the library (it can be put back right after)">
          Delete
        </button>
      </div>
    </li>
  );
}
