/**
 * npm run export -- '<link>' [out.zip]
 *
 * Writes the PyTorch project of the run a Collapse Lab link describes (its query string or
 * the whole URL): train.py, the model, every objective and method, the augmentations, the
 * config, the dataset and the weights initialised from the link's seed (tfjs CPU backend).
 */
import { writeFileSync } from 'node:fs';
import { DEFAULT_CONFIG, validateConfig } from '../src/config';
import { buildCatalog } from '../src/engine';
import { projectName } from '../src/export/projectZip';
import { resolveLinkConfig } from '../src/link/resolveLinkConfig';
import { decodeUrlState } from '../src/link/urlState';
import { exportZipFromSeed } from './export/nodeExport';

async function main(): Promise<void> {
  const [link, out] = process.argv.slice(2);
  if (!link) {
    console.error("Usage: npm run export -- '<Collapse Lab link or ?query>' [out.zip]");
    process.exit(2);
  }
  const search = link.includes('?') ? link.slice(link.indexOf('?')) : link;
  const catalog = buildCatalog();
  const decoded = decodeUrlState(search, catalog);
  const resolved = resolveLinkConfig(decoded.config, catalog, DEFAULT_CONFIG);
  for (const e of [...decoded.errors, ...resolved.errors]) console.warn(`Note: ${e}`);
  const checked = validateConfig(resolved.config, catalog);
  if (!checked.ok) {
    console.error(`The link's settings are not valid: ${checked.errors.join(' ')}`);
    process.exit(1);
  }
  const file = out ?? `${projectName(checked.config)}.zip`;
  writeFileSync(file, await exportZipFromSeed(checked.config));
  console.log(`Wrote ${file}: unzip it and read its README.md (python train.py --steps 100).`);
}

void main();
