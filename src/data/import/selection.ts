/**
 * What the user dropped or picked, sorted out before anything is decoded: one CSV table,
 * or images in class folders (one sub-folder per class below a common parent). Hidden
 * files (.DS_Store, __MACOSX/...) are passed over; other files are reported as ignored.
 * Pure over paths and sizes, so every refusal here is tested without a browser.
 */
import { IMPORT_LIMITS, formatBytes } from './limits';
import { naturalOrder } from './csvTable';
import { nameList, refuse } from './refusal';

/** One dropped or picked file: its path below what was dropped ("cats/a.png") and its contents. */
export interface ImportFile {
  path: string;
  blob: Blob;
}

/** One image with its class (index into the selection's classes). */
export interface ClassedImage {
  file: ImportFile;
  label: number;
}

/** A sorted-out selection: a table, or images in classes. */
export type Selection =
  | { kind: 'table'; name: string; file: ImportFile }
  | {
      kind: 'images';
      name: string;
      /** Class names (the class folders), in natural order. */
      classes: string[];
      /** Images sorted by path, so an import does not depend on the order files arrived in. */
      images: ClassedImage[];
      /** Files that are neither images nor hidden, and images outside the class folders. */
      ignored: string[];
    };

/** File name endings read as images (decoded by the browser). */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'avif'] as const;

/** The ending of a path, lower case, without the dot. */
export function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Whether a path is an operating system's hidden file or folder (.DS_Store, __MACOSX/, Thumbs.db). */
export function isHiddenPath(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.') || part === '__MACOSX' || part === 'Thumbs.db' || part === 'desktop.ini');
}

/** The file name of a path without its ending. */
export function baseName(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** The folders of a path (without the file name). */
function foldersOf(path: string): string[] {
  return path.split('/').slice(0, -1).filter((p) => p !== '');
}

/** The longest folder path shared by every path. */
function commonFolders(paths: string[]): string[] {
  const [first = [], ...rest] = paths.map(foldersOf);
  let n = first.length;
  for (const folders of rest) {
    let k = 0;
    while (k < n && k < folders.length && folders[k] === first[k]) k++;
    n = k;
  }
  return first.slice(0, n);
}

const IMAGE_LIST = IMAGE_EXTENSIONS.map((e) => e.toUpperCase()).join(', ');

/**
 * Sorts out a selection. `from` names what the files came from (an archive) for messages.
 * Refuses empty and oversized selections, a table mixed with images, several tables, no
 * images, too many images, images not in class folders, and fewer than two or too many classes.
 */
export function sortSelection(files: readonly ImportFile[], from?: string): Selection {
  const where = from ? `The archive ${from}` : 'The selection';
  const visible = files.filter((f) => !isHiddenPath(f.path) && !f.path.endsWith('/'));
  if (visible.length === 0) refuse(`${where} holds no files. Choose a folder with one sub-folder of images per class, a zip of such folders, or a CSV table.`);
  const bytes = visible.reduce((sum, f) => sum + f.blob.size, 0);
  if (bytes > IMPORT_LIMITS.maxBytes) {
    refuse(`${where} holds ${formatBytes(bytes)} of files, more than the ${formatBytes(IMPORT_LIMITS.maxBytes)} an import may have. Import fewer or smaller files.`);
  }
  const tables = visible.filter((f) => extensionOf(f.path) === 'csv');
  const images = visible.filter((f) => (IMAGE_EXTENSIONS as readonly string[]).includes(extensionOf(f.path)));
  if (tables.length > 0 && images.length > 0) refuse(`${where} holds both images and a CSV table. Import either images in class folders or one CSV table at a time.`);
  if (tables.length > 1) refuse(`${where} holds ${tables.length} CSV tables (${nameList(tables.map((t) => t.path))}). Import one table at a time.`);
  if (tables.length === 1) return { kind: 'table', name: baseName(tables[0]!.path), file: tables[0]! };
  if (images.length === 0) {
    refuse(`${where} holds no images (${IMAGE_LIST}) and no CSV table; it has ${nameList(visible.map((f) => f.path))}. Choose class folders of images, or a CSV table.`);
  }
  if (images.length > IMPORT_LIMITS.maxImages) {
    refuse(`${where} holds ${images.length.toLocaleString('en')} images, more than the ${IMPORT_LIMITS.maxImages.toLocaleString('en')} an import may have. Keep a sample of each class and import that.`);
  }
  return classifyImages(images, visible, from);
}

/** Classes from the first folder below the images' common parent. */
function classifyImages(images: ImportFile[], visible: ImportFile[], from: string | undefined): Selection {
  const sorted = [...images].sort((a, b) => naturalOrder(a.path, b.path));
  const root = commonFolders(sorted.map((f) => f.path));
  const classOf = (f: ImportFile): string | undefined => foldersOf(f.path)[root.length];
  const inClass = sorted.filter((f) => classOf(f) !== undefined);
  const name = root[root.length - 1] ?? (from ? baseName(from) : 'Imported images');
  if (inClass.length === 0) {
    const folder = root.length > 0 ? `one folder ("${root.join('/')}")` : 'no folder';
    refuse(`All ${sorted.length} images are in ${folder}, so there are no classes. Put each class's images in its own sub-folder (at least two classes) and import the folder that holds them.`);
  }
  const classes = [...new Set(inClass.map((f) => classOf(f)!))].sort(naturalOrder);
  if (classes.length < 2) {
    refuse(`Only one class folder holds images ("${classes[0]}"). Add a sub-folder of images for each other class (at least two classes) and import their parent folder.`);
  }
  if (classes.length > IMPORT_LIMITS.maxClasses) {
    refuse(`There are ${classes.length} class folders, more than the ${IMPORT_LIMITS.maxClasses} classes a dataset may have. Merge or leave out classes.`);
  }
  const index = new Map(classes.map((c, k) => [c, k]));
  const isImage = new Set(images);
  const ignored = [...visible.filter((f) => !isImage.has(f)), ...sorted.filter((f) => classOf(f) === undefined)].map((f) => f.path);
  return { kind: 'images', name, classes, images: inClass.map((file) => ({ file, label: index.get(classOf(file)!)! })), ignored };
}
