/**
 * The run library: every run kept in this browser (app/library/), newest first, with the run
 * training now marked. Each can be renamed, pinned on the charts, exported or deleted (with
 * undo); a run file from another machine can be imported. Mounting it starts the library:
 * the saved list is read and the main run and its twins are kept from then on.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { compareStore } from '../compare/compareStore';
import { importRunFile, libraryStore, loadLibrary, undoDelete } from '../library/libraryStore';
import { pinnedRuns } from '../library/pinning';
import { LibraryRunRow } from './LibraryRunRow';
import { Panel } from './Panel';

/** The library panel. */
export function LibraryPanel() {
  const { runs, loaded, persistent, currentId, message, deleted } = useStore(libraryStore);
  const compared = useStore(compareStore, (s) => s.runs);
  useEffect(() => {
    void loadLibrary();
  }, []);
  const pinned = pinnedRuns(compared);
  const onFile = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files?.[0];
    input.value = '';
    if (file) await importRunFile(file);
  };
  return (
    <Panel
      title="Library"
      testId="library-panel"
      hint={persistent ? 'Every run is kept in this browser. Pin saved runs to draw them on every chart.' : 'This browser does not let the app keep data: the runs below last only until the page is closed.'}
      aside={
        <label className="btn btn--small library__import" title="Import a run file exported from Collapse Lab (JSON)">
          Import…
          <input type="file" accept=".json,application/json" data-testid="library-import" className="visually-hidden" onChange={(e) => void onFile(e.currentTarget)} />
        </label>
      }
    >
      {message && (
        <p className={`library__message library__message--${message.level}`} role={message.level === 'error' ? 'alert' : 'status'} data-testid="library-message">
          <span>{message.text}</span>
          <button type="button" className="btn--link" onClick={() => libraryStore.setState({ message: null })} aria-label="Dismiss the message">
            ×
          </button>
        </p>
      )}
      {deleted && (
        <p className="library__message library__message--info" role="status">
          <span>Deleted "{deleted.record.name}".</span>
          <button type="button" className="btn btn--small" data-testid="library-undo" onClick={() => void undoDelete()}>
            Undo
          </button>
        </p>
      )}
      {!loaded ? (
        <p className="panel__hint">Reading the saved runs…</p>
      ) : runs.length === 0 ? (
        <p className="panel__hint" data-testid="library-empty">
          No runs yet: the run training now is saved after its first reports.
        </p>
      ) : (
        <ul className="library__list" data-testid="library-list">
          {runs.map((r) => {
            const pin = pinned.find((p) => p.libraryId === r.id);
            return <LibraryRunRow key={r.id} run={r} live={r.id === currentId} pinned={pin !== undefined} color={pin?.color ?? null} />;
          })}
        </ul>
      )}
    </Panel>
  );
}
