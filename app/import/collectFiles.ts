/**
 * The files of a drop or a file picker, with their paths below what was chosen: a dropped
 * folder is walked through the File and Directory Entries API (webkitGetAsEntry), a folder
 * picker (webkitdirectory) gives each file's webkitRelativePath, and plain files their name.
 */
import type { ImportFile } from '../../src/data/import/selection';

/** Every file below a dropped entry, with its path from the entry's own name. */
async function walkEntry(entry: FileSystemEntry, prefix: string, out: ImportFile[]): Promise<void> {
  const path = `${prefix}${entry.name}`;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path, blob: file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries hands out a directory in batches until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return;
    for (const child of batch) await walkEntry(child, `${path}/`, out);
  }
}

/** The files of a drop: folders walked, files as they are. */
export async function filesFromDrop(data: DataTransfer): Promise<ImportFile[]> {
  const entries = Array.from(data.items)
    .filter((item) => item.kind === 'file')
    .map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
  const out: ImportFile[] = [];
  for (const { entry, file } of entries) {
    if (entry) await walkEntry(entry, '', out);
    else if (file) out.push({ path: file.name, blob: file });
  }
  return out;
}

/** The files of a file or folder picker. */
export function filesFromInput(list: FileList): ImportFile[] {
  return Array.from(list, (file) => ({ path: file.webkitRelativePath || file.name, blob: file }));
}
