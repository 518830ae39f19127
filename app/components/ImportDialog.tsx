/**
 * The import dialog: what was dropped, the choices (name; image size, RGB or grey and
 * whether a mirror keeps the class; a table's label column or none), progress while images
 * are decoded, then a preview per class with counts and what was skipped, and Keep. Any
 * refusal is shown here in the worker's words; the run in progress trains on meanwhile.
 */
import { useStore } from 'zustand';
import type { TableColumn } from '../../src/data/import/csvTable';
import type { ImportPreview } from '../../src/data/import/draft';
import type { OpenedSelection } from '../../src/data/import/importProtocol';
import { IMAGE_SIZES, maxImagesAt } from '../../src/data/import/limits';
import { channelsOf } from '../../src/data/import/resize';
import { closeImport, keepImport, readImages, setChoice } from '../import/importClient';
import { importStore, type ImportChoices } from '../import/importStore';
import { RgbaCanvas } from './RgbaCanvas';

function ImageChoices({ opened, choices, busy }: { opened: Extract<OpenedSelection, { kind: 'images' }>; choices: ImportChoices; busy: boolean }) {
  const fit = maxImagesAt(choices.size, channelsOf(choices.colour));
  return (
    <>
      <p data-testid="import-opened">
        {opened.images} image files in {opened.classes.length} class folders: {opened.classes.map((c) => `${c.name} (${c.files})`).join(', ')}.
      </p>
      <div className="import-dialog__choices">
        <label>
          Size
          <select data-testid="import-size" value={choices.size} disabled={busy} onChange={(e) => setChoice({ size: Number(e.currentTarget.value) })}>
            {IMAGE_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}×{s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Colour
          <select data-testid="import-colour" value={choices.colour} disabled={busy} onChange={(e) => setChoice({ colour: e.currentTarget.value === 'grey' ? 'grey' : 'rgb' })}>
            <option value="rgb">RGB</option>
            <option value="grey">Grey</option>
          </select>
        </label>
        <label className="import-dialog__check">
          <input type="checkbox" data-testid="import-mirror" checked={choices.mirrorKeepsClass} onChange={(e) => setChoice({ mirrorKeepsClass: e.currentTarget.checked })} />
          A left-right mirror keeps the class (augmentation may flip these images)
        </label>
      </div>
      <p className="import-dialog__note">
        Each image&apos;s centred square is shrunk to the size chosen; at this size up to {fit.toLocaleString('en')} images fit. A quarter of each class is held out for testing.
      </p>
    </>
  );
}

function labelOptions(columns: TableColumn[], current: string | null): TableColumn[] {
  return columns.filter((c) => c.labelCandidate || c.name === current);
}

function TableChoices({ opened, choices, busy }: { opened: Extract<OpenedSelection, { kind: 'table' }>; choices: ImportChoices; busy: boolean }) {
  const numeric = opened.columns.filter((c) => c.type === 'numeric');
  return (
    <>
      <p data-testid="import-opened">
        {opened.rows} rows, {opened.columns.length} columns; numeric: {numeric.map((c) => c.name).join(', ') || 'none'}.
      </p>
      <div className="import-dialog__choices">
        <label>
          Label column
          <select data-testid="import-label" value={choices.labelColumn ?? ''} disabled={busy} onChange={(e) => setChoice({ labelColumn: e.currentTarget.value === '' ? null : e.currentTarget.value })}>
            <option value="">none (self-supervised only)</option>
            {labelOptions(opened.columns, choices.labelColumn).map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} ({c.distinct} values)
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="import-dialog__note">The other columns must be numeric; they are standardised (mean 0, variance 1 on the training rows). A quarter of each class is held out for testing.</p>
    </>
  );
}

function Preview({ preview }: { preview: ImportPreview }) {
  return (
    <div className="import-preview" data-testid="import-preview">
      <div className="import-preview__head">
        <RgbaCanvas className="import-preview__thumb" width={preview.thumbnail.width} height={preview.thumbnail.height} rgba={preview.thumbnail.rgba} />
        <p>
          {preview.total} {preview.kind === 'image' ? `images of ${preview.shape.join('×')}` : `rows of ${preview.shape[0]} features (${preview.features?.join(', ')})`}
          {preview.labelled ? `, ${preview.classes.length} classes.` : ', no labels: it trains self-supervised only.'}
          {preview.kind === 'points' && preview.shape[0] === 2 ? ' Two features: the input-space chart will draw it.' : ''}
        </p>
      </div>
      <ul className="import-preview__classes">
        {preview.classes.map((c) => (
          <li key={c.name} data-testid="import-class">
            <span className="import-preview__class">{c.name}</span>
            <span className="import-preview__count">{c.count}</span>
            {c.strip && <RgbaCanvas className="import-preview__strip" width={c.strip.width} height={c.strip.height} rgba={c.strip.rgba} />}
          </li>
        ))}
      </ul>
      {preview.notes.length > 0 && (
        <ul className="import-preview__notes" data-testid="import-notes">
          {preview.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The import dialog (shown while an import is open). */
export function ImportDialog() {
  const { phase, opened, choices, progress, preview, refusal } = useStore(importStore);
  if (phase === 'closed') return null;
  const busy = phase === 'reading' || phase === 'keeping' || phase === 'opening';
  return (
    <div className="import-backdrop">
      <div className="import-dialog" role="dialog" aria-modal="true" aria-labelledby="import-title" data-testid="import-dialog">
        <header className="import-dialog__header">
          <h2 id="import-title">Import your own data</h2>
          <button type="button" className="btn btn--small" data-testid="import-cancel" onClick={closeImport}>
            {preview ? 'Cancel' : 'Close'}
          </button>
        </header>
        {phase === 'opening' && !refusal && <p>Reading the selection…</p>}
        {refusal && (
          <p className="import-dialog__refusal" role="alert" data-testid="import-refusal">
            {refusal}
          </p>
        )}
        {opened && (
          <label className="import-dialog__name">
            Name
            <input type="text" data-testid="import-name" value={choices.name} maxLength={60} onChange={(e) => setChoice({ name: e.currentTarget.value })} />
          </label>
        )}
        {opened?.kind === 'images' && <ImageChoices opened={opened} choices={choices} busy={busy} />}
        {opened?.kind === 'table' && <TableChoices opened={opened} choices={choices} busy={busy} />}
        {phase === 'reading' && (
          <div className="import-dialog__progress" data-testid="import-progress">
            <progress value={progress?.done ?? 0} max={progress?.total ?? 1} />
            <span>{progress ? `Decoded ${progress.done} of ${progress.total} files…` : 'Reading…'}</span>
          </div>
        )}
        {preview && <Preview preview={preview} />}
        <footer className="import-dialog__footer">
          <span className="import-dialog__note">The run keeps training until you keep the new dataset.</span>
          {opened?.kind === 'images' && !preview && (
            <button type="button" className="btn" data-testid="import-read" disabled={busy} onClick={readImages}>
              Read images
            </button>
          )}
          {preview && (
            <button type="button" className="btn btn--primary" data-testid="import-keep" disabled={busy || choices.name.trim() === ''} onClick={keepImport}>
              Keep and train on it
            </button>
          )}
        </footer>
      </div>
    </div>
  );
}
