/**
 * Zip archives, read with fflate: each file becomes an ImportFile with its path inside the
 * archive. Folders and hidden entries are passed over, and the unpacked size is checked
 * against the import limit while reading, so an archive that unpacks to gigabytes is
 * refused rather than unpacked. fflate allocates each deflated entry at the size the archive
 * claims, so a claim deflate cannot reach from the bytes there are is refused before that.
 */
import { unzipSync } from 'fflate';
import { IMPORT_LIMITS, formatBytes } from './limits';
import { ImportRefusal, refuse } from './refusal';
import { isHiddenPath, type ImportFile } from './selection';
import { quoted } from '../../userText';

/** The most deflate expands (a 258-byte match in two bits): an entry claiming more unpacked bytes per packed byte is damaged. */
const DEFLATE_MAX_RATIO = 1032;
/** The zip compression method number of deflate. */
const DEFLATE = 8;

/** Whether a file is a zip archive, by its name. */
export function isZipPath(path: string): boolean {
  return path.toLowerCase().endsWith('.zip');
}

/** The files in a zip archive (`name` is the archive's, for messages). */
export function readZip(bytes: Uint8Array, name: string): ImportFile[] {
  let unpacked = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter(file) {
        if (file.name.endsWith('/') || isHiddenPath(file.name)) return false;
        unpacked += file.originalSize;
        if (unpacked > IMPORT_LIMITS.maxBytes) {
          refuse(`The archive ${name} unpacks to more than ${formatBytes(IMPORT_LIMITS.maxBytes)}, the most an import may have. Put fewer or smaller files in it.`);
        }
        if (file.compression === DEFLATE && file.originalSize > DEFLATE_MAX_RATIO * (Math.min(file.size, bytes.length) + 1)) {
          refuse(`The archive ${name} is damaged: it says ${quoted(file.name)} unpacks to ${formatBytes(file.originalSize)}, more than its bytes can hold. Create the archive again.`);
        }
        return true;
      },
    });
  } catch (e) {
    if (e instanceof ImportRefusal) throw e;
    const why = e instanceof Error ? e.message : String(e);
    refuse(`${name} could not be read as a zip archive (${why}): it may be damaged or not a zip. Create the archive again, or import the folder itself.`);
  }
  return Object.entries(entries)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, data]) => ({ path, blob: new Blob([data as Uint8Array<ArrayBuffer>]) }));
}

/** The selection with every zip archive replaced by its files; the archive's name comes back for messages. */
export async function expandArchives(files: readonly ImportFile[]): Promise<{ files: ImportFile[]; archive?: string }> {
  const archives = files.filter((f) => isZipPath(f.path) && !isHiddenPath(f.path));
  if (archives.length === 0) return { files: [...files] };
  if (archives.length > 1 || files.some((f) => !isZipPath(f.path) && !isHiddenPath(f.path))) {
    refuse('Import one zip archive on its own, or a folder without archives in it.');
  }
  const archive = archives[0]!;
  if (archive.blob.size > IMPORT_LIMITS.maxBytes) {
    refuse(`The archive ${archive.path} is ${formatBytes(archive.blob.size)}, more than the ${formatBytes(IMPORT_LIMITS.maxBytes)} an import may have.`);
  }
  if (archive.blob.size === 0) refuse(`The archive ${archive.path} is empty (0 bytes). Create it again with the class folders in it.`);
  return { files: readZip(new Uint8Array(await archive.blob.arrayBuffer()), archive.path), archive: archive.path };
}
