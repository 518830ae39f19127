/**
 * The UI's side of importing: starts the import worker on first use, sends it the dropped
 * files and the user's choices, and routes its replies into the import store. A kept
 * dataset is announced to the engine (datasetsChanged) and chosen once the engine's catalog
 * lists it; until then the run in progress trains on.
 */
import type { ImportReply, ImportRequest } from '../../src/data/import/importProtocol';
import type { ImportFile } from '../../src/data/import/selection';
import { deleteUserDataset } from '../../src/data/import/storedDataset';
import { changeConfigOrNotify } from '../engine/configActions';
import { sendCommand } from '../engine/engineClient';
import { configStore } from '../store/configStore';
import { addNotice, runStore } from '../store/runStore';
import { appStorage } from '../storage/appStorage';
import { DEFAULT_CHOICES, importStore, type ImportChoices } from './importStore';
import { forgetLinkedDataset } from './linkedDataset';

let worker: Worker | null = null;

/** The import worker, started on first use. */
function importWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('../../src/data/import/importWorker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('message', (e: MessageEvent<ImportReply>) => onReply(e.data));
  worker.addEventListener('error', (e: ErrorEvent) => {
    e.preventDefault();
    importStore.setState({ phase: importStore.getState().opened ? 'opened' : 'opening', refusal: `The import worker stopped: ${e.message || 'unknown error'}. Close this dialog and try again.`, progress: null });
    worker = null;
  });
  return worker;
}

/** Sends a request under a fresh job number; returns it. */
function request(make: (job: number) => ImportRequest): number {
  const job = importStore.getState().job + 1;
  importStore.setState({ job });
  importWorker().postMessage(make(job));
  return job;
}

function onReply(reply: ImportReply): void {
  const state = importStore.getState();
  if (reply.job !== state.job || state.phase === 'closed') return;
  switch (reply.type) {
    case 'opened': {
      const opened = reply.opened;
      const choices: ImportChoices = { ...DEFAULT_CHOICES, name: opened.name, labelColumn: opened.kind === 'table' ? opened.suggestedLabel : null };
      importStore.setState({ phase: 'opened', opened, choices, refusal: null });
      if (opened.kind === 'table') readTable(choices.labelColumn);
      break;
    }
    case 'progress':
      importStore.setState({ progress: { done: reply.done, total: reply.total } });
      break;
    case 'preview':
      importStore.setState({ phase: 'preview', preview: reply.preview, progress: null, refusal: null });
      break;
    case 'kept':
      chooseWhenListed(reply.id);
      sendCommand({ type: 'datasetsChanged' });
      closeImport();
      forgetLinkedDataset();
      break;
    case 'refused':
      importStore.setState({ phase: state.opened ? 'opened' : 'opening', refusal: reply.message, progress: null, preview: null });
      break;
  }
}

/** Chooses the dataset `id` as soon as the engine's catalog lists it (self-supervised if it has no labels). */
function chooseWhenListed(id: string): void {
  const choose = (): boolean => {
    const dataset = runStore.getState().catalog?.datasets.find((d) => d.id === id);
    if (!dataset) return false;
    const unlabelled = dataset.classes.length < 2 && configStore.getState().config.task === 'supervised';
    changeConfigOrNotify(unlabelled ? { dataset: id, task: 'ssl' } : { dataset: id }, { fixDependents: true });
    return true;
  };
  const stop = runStore.subscribe(() => {
    if (choose()) stop();
  });
}

/** Opens the import dialog on dropped or picked files. */
export function openImport(files: ImportFile[]): void {
  importStore.setState({ phase: 'opening', opened: null, preview: null, progress: null, refusal: null, choices: DEFAULT_CHOICES });
  request((job) => ({ type: 'open', job, files }));
}

/** Changes a choice; a choice that changes the data drops the preview (images) or reads the table again. */
export function setChoice(patch: Partial<ImportChoices>): void {
  const { choices, opened, phase } = importStore.getState();
  importStore.setState({ choices: { ...choices, ...patch } });
  const rereads = patch.size !== undefined || patch.colour !== undefined || patch.labelColumn !== undefined;
  if (!rereads || !opened) return;
  if (opened.kind === 'table') readTable(patch.labelColumn === undefined ? choices.labelColumn : patch.labelColumn);
  else if (phase === 'preview' || phase === 'reading') importStore.setState({ phase: 'opened', preview: null, progress: null });
}

/** Decodes and resizes the opened images with the chosen size and colour. */
export function readImages(): void {
  const { size, colour } = importStore.getState().choices;
  importStore.setState({ phase: 'reading', preview: null, refusal: null, progress: null });
  request((job) => ({ type: 'readImages', job, options: { size, colour } }));
}

function readTable(labelColumn: string | null): void {
  importStore.setState({ phase: 'reading', preview: null, refusal: null });
  request((job) => ({ type: 'readTable', job, labelColumn }));
}

/** Keeps the previewed dataset under the chosen name; it is chosen for the run once the engine lists it. */
export function keepImport(): void {
  const { name, mirrorKeepsClass } = importStore.getState().choices;
  importStore.setState({ phase: 'keeping', refusal: null });
  request((job) => ({ type: 'keep', job, label: name, mirrorKeepsClass }));
}

/** Closes the dialog and forgets the selection (nothing is kept). */
export function closeImport(): void {
  importStore.setState({ phase: 'closed', opened: null, preview: null, progress: null, refusal: null });
  worker?.postMessage({ type: 'discard' } satisfies ImportRequest);
}

/** Deletes an imported dataset from this browser and tells the engine. */
export async function deleteImported(id: string): Promise<void> {
  try {
    await deleteUserDataset(await appStorage(), id);
    sendCommand({ type: 'datasetsChanged' });
  } catch (e) {
    addNotice('error', 'internal', `The imported dataset could not be deleted: ${e instanceof Error ? e.message : String(e)}`);
  }
}
