/**
 * Where the user's own data comes in: a drop zone for a folder of class folders, a zip of
 * them or a CSV table, with a folder picker and a file picker beside it, and the import
 * limits stated up front.
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { LIMITS_TEXT } from '../../src/data/import/limits';
import { filesFromDrop, filesFromInput } from '../import/collectFiles';
import { openImport } from '../import/importClient';

/** Hands the picked files to the import and clears the input, so the same files can be picked again. */
function onPicked(e: ChangeEvent<HTMLInputElement>): void {
  const list = e.currentTarget.files;
  if (list && list.length > 0) openImport(filesFromInput(list));
  e.currentTarget.value = '';
}

/** The drop zone and pickers. */
export function ImportDropZone() {
  const [over, setOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // React has no typed prop for it: a folder picker in every current browser.
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);
  return (
    <div
      className={`import-zone${over ? ' is-over' : ''}`}
      data-testid="import-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void filesFromDrop(e.dataTransfer).then((files) => openImport(files));
      }}
    >
      <p className="import-zone__lead">
        <strong>Your own data:</strong> drop a folder with one sub-folder of images per class, a zip of such folders, or a CSV table.
      </p>
      <div className="import-zone__buttons">
        <button type="button" className="btn btn--small" data-testid="import-pick-folder" onClick={() => folderInput.current?.click()}>
          Choose a folder…
        </button>
        <button type="button" className="btn btn--small" data-testid="import-pick-files" onClick={() => fileInput.current?.click()}>
          Choose a zip, CSV or images…
        </button>
      </div>
      <p className="import-zone__limits" data-testid="import-limits">
        {LIMITS_TEXT} Everything stays in this browser: nothing is uploaded.
      </p>
      <input ref={folderInput} type="file" multiple hidden data-testid="import-folder-input" onChange={onPicked} />
      <input ref={fileInput} type="file" multiple hidden accept=".zip,.csv,image/*" data-testid="import-file-input" onChange={onPicked} />
    </div>
  );
}
