/**
 * "Download as PyTorch": the run's current weights, its config and its dataset packed with
 * the Python templates of python/ into a project that trains the same recipe with PyTorch,
 * on CPUs or GPUs, one process or many (src/export; the project's README says how).
 */
import { useState } from 'react';
import { datasetSource } from '../../src/data/registry';
import { encodeDataset, encodeWeights, exportedConfig } from '../../src/export/exportedRun';
import { buildProjectZip, projectName, type ProjectTemplates } from '../../src/export/projectZip';
import { fetchSiteBytes } from '../../src/util/siteUrl';
import { downloadBlob } from '../library/downloads';
import { requestWeights } from '../library/engineWeights';
import { configStore } from '../store/configStore';
import { addNotice, runStore } from '../store/runStore';

/** The project templates, loaded only when a project is made. */
const TEMPLATE_LOADERS = import.meta.glob<string>(['../../python/train.py', '../../python/README.md', '../../python/collapselab/*.py'], { query: '?raw', import: 'default' });

async function loadTemplates(): Promise<ProjectTemplates> {
  const entries = await Promise.all(Object.entries(TEMPLATE_LOADERS).map(async ([key, load]) => [key.replace('../../python/', ''), await load()] as const));
  return Object.fromEntries(entries);
}

/** Builds the zip of the main run as it is now. */
async function exportProject(): Promise<{ name: string; zip: Uint8Array }> {
  const { catalog } = runStore.getState();
  if (!catalog) throw new Error('the engine is still starting');
  const config = configStore.getState().config;
  const [weights, dataset, templates] = await Promise.all([requestWeights(), datasetSource(config.dataset).load(config.seed, fetchSiteBytes), loadTemplates()]);
  const zip = buildProjectZip({
    templates,
    config: exportedConfig(config, catalog, weights.step),
    weights: encodeWeights(weights),
    data: encodeDataset(dataset.spec, dataset),
  });
  return { name: `${projectName(config)}-step${weights.step}.zip`, zip };
}

/** The button. */
export function PytorchExportButton() {
  const [busy, setBusy] = useState(false);
  const onClick = async (): Promise<void> => {
    setBusy(true);
    try {
      const { name, zip } = await exportProject();
      downloadBlob(name, new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
    } catch (e) {
      addNotice('error', 'internal', `Could not export the PyTorch project: ${e instanceof Error ? e.message : String(e)}.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="btn" data-testid="btn-export-pytorch" disabled={busy} onClick={() => void onClick()} title="A PyTorch project that trains this run on CPUs or GPUs (DistributedDataParallel): the current weights, the config, the dataset, train.py">
      {busy ? 'Packing…' : 'Download as PyTorch'}
    </button>
  );
}
