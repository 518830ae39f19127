/**
 * A link naming an imported dataset that this browser does not have (it lives on the
 * sender's machine: imported data is never uploaded). The Dataset panel says so and offers
 * to import the same files; the link's other settings apply meanwhile.
 */
import { createStore } from 'zustand/vanilla';
import { isUserDatasetId } from '../../src/data/import/storedDataset';
import { decodeUrlState } from '../../src/link/urlState';
import { initialSearch } from '../engine/engineClient';

/** The imported dataset id the page's link names, or null. */
const linked: string | null = ((): string | null => {
  const id = decodeUrlState(initialSearch).config.dataset;
  return id !== undefined && isUserDatasetId(id) ? id : null;
})();

/** Whether the offer was taken or dismissed. */
export const linkedDatasetStore = createStore<{ dismissed: boolean }>()(() => ({ dismissed: false }));

/** The link's imported dataset id when the catalog (once known) does not list it, else null. */
export function missingLinkedDataset(datasetIds: readonly string[] | null): string | null {
  if (!linked || !datasetIds || datasetIds.includes(linked)) return null;
  return linked;
}

/** Withdraws the offer (the files were imported, or the user said no). */
export function forgetLinkedDataset(): void {
  linkedDatasetStore.setState({ dismissed: true });
}
