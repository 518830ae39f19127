/**
 * The import worker's logic, transport-free like the engine so Node tests drive it: it
 * holds one selection at a time, answers each request with a reply, and keeps a previewed
 * dataset in storage. The worker entry (importWorker.ts) gives it the browser's decoding
 * and storage.
 */
import type { Storage } from '../../storage/store';
import { parseTable, suggestLabelColumn, tableData, type ParsedTable } from './csvTable';
import { imageDraft, keptDataset, tableDraft, type DatasetDraft, type ImportPreview } from './draft';
import { readImages, skippedReport, type DecodeImage, type ImageImportOptions } from './imageImport';
import type { ImportReply, ImportRequest, OpenedSelection } from './importProtocol';
import { counted, ImportRefusal, nameList, refuse } from './refusal';
import { saveUserDataset } from './storedDataset';
import { sortSelection, type ImportFile, type Selection } from './selection';
import { expandArchives } from './zipArchive';

/** Thrown out of a read that a newer request replaced. */
class Superseded extends Error {}

/** How often (in files) a read reports progress. */
const PROGRESS_EVERY = 25;

/** One import worker's state and request handling. */
export class ImportSession {
  private selection: Selection | null = null;
  private table: ParsedTable | null = null;
  private draft: DatasetDraft | null = null;
  /** Where the selection came from (an archive's name), for the dataset's source line. */
  private origin = '';
  private latestJob = 0;

  constructor(
    private readonly post: (reply: ImportReply) => void,
    private readonly decode: DecodeImage,
    private readonly storage: () => Promise<Storage>,
  ) {}

  /** Handles one request; refusals and failures become a 'refused' reply. */
  async handle(request: ImportRequest): Promise<void> {
    if (request.type === 'discard') {
      this.latestJob++;
      this.selection = null;
      this.table = null;
      this.draft = null;
      return;
    }
    const { job } = request;
    this.latestJob = job;
    try {
      switch (request.type) {
        case 'open':
          return this.post({ type: 'opened', job, opened: await this.open(request.files) });
        case 'readImages':
          return this.post({ type: 'preview', job, preview: await this.readImages(job, request.options) });
        case 'readTable':
          return this.post({ type: 'preview', job, preview: this.readTable(request.labelColumn) });
        case 'keep':
          return this.post({ type: 'kept', job, id: await this.keep(request.label, request.mirrorKeepsClass) });
      }
    } catch (e) {
      if (e instanceof Superseded) return;
      const message = e instanceof ImportRefusal ? e.message : `The import failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`;
      this.post({ type: 'refused', job, message });
    }
  }

  private async open(dropped: readonly ImportFile[]): Promise<OpenedSelection> {
    this.selection = null;
    this.table = null;
    this.draft = null;
    const expanded = await expandArchives(dropped);
    const selection = sortSelection(expanded.files, expanded.archive);
    this.origin = expanded.archive ?? (selection.kind === 'table' ? selection.file.path : `the folder ${selection.name}`);
    if (selection.kind === 'table') {
      const table = parseTable(await selection.file.blob.text(), selection.file.path);
      this.selection = selection;
      this.table = table;
      return { kind: 'table', name: selection.name, rows: table.rows.length, columns: table.columns, suggestedLabel: suggestLabelColumn(table) };
    }
    this.selection = selection;
    const classes = selection.classes.map((name, k) => ({ name, files: selection.images.filter((img) => img.label === k).length }));
    return { kind: 'images', name: selection.name, classes, images: selection.images.length, ignored: selection.ignored };
  }

  private async readImages(job: number, options: ImageImportOptions): Promise<ImportPreview> {
    const selection = this.selection;
    if (selection?.kind !== 'images') refuse('There are no images to read: drop a folder of class folders first.');
    this.draft = null;
    const set = await readImages(selection.images, selection.classes, options, this.decode, (done, total) => {
      if (this.latestJob !== job) throw new Superseded();
      if (done % PROGRESS_EVERY === 0 || done === total) this.post({ type: 'progress', job, done, total });
    });
    const notes = [skippedReport(set.failed, set.tried)];
    if (selection.ignored.length > 0) notes.push(`${counted(selection.ignored.length, 'file')} not in a class folder or not an image ${selection.ignored.length === 1 ? 'was' : 'were'} left out: ${nameList(selection.ignored)}.`);
    const shape = `${set.size}×${set.size} ${set.channels === 3 ? 'RGB' : 'grey'}`;
    this.draft = imageDraft(set, selection.name, `Imported from ${this.origin} on this machine: ${set.labels.length} images at ${shape}.`, notes.filter((n) => n !== null));
    return this.draft.preview;
  }

  private readTable(labelColumn: string | null): ImportPreview {
    const table = this.table;
    if (!table || this.selection?.kind !== 'table') refuse('There is no table to read: drop a CSV file first.');
    this.draft = null;
    const data = tableData(table, labelColumn);
    const labelText = labelColumn === null ? 'no label column (self-supervised only)' : `labels from "${labelColumn}"`;
    this.draft = tableDraft(data, this.selection.name, `Imported from ${this.origin} on this machine: ${data.labels.length} rows of ${data.featureNames.length} standardised features, ${labelText}.`);
    return this.draft.preview;
  }

  private async keep(label: string, mirrorKeepsClass: boolean): Promise<string> {
    if (!this.draft) refuse('There is nothing to keep yet: wait for the preview.');
    const name = label.trim();
    if (name === '') refuse('Give the dataset a name.');
    const storage = await this.storage();
    if (!storage.persistent) refuse('This browser does not let the app keep data, so an imported dataset cannot reach the training engine. Allow site data (storage) for this page and import again.');
    const { meta, data } = keptDataset(this.draft, name, mirrorKeepsClass);
    await saveUserDataset(storage, meta, data);
    this.selection = null;
    this.table = null;
    this.draft = null;
    return meta.spec.id;
  }
}
