/**
 * The limits of importing the user's own data, in one place: the import checks them and
 * the drop zone states them (LIMITS_TEXT), so a refusal never comes as a surprise.
 */

/** The import limits. */
export const IMPORT_LIMITS = {
  /** Image files in one import (folder, files or archive). */
  maxImages: 50_000,
  /** Bytes of the dropped files (or of an archive's unpacked files) together. */
  maxBytes: 500 * 1024 * 1024,
  /** Bytes of the stored pixels (count x size x size x channels): 50,000 images at 32 x 32 RGB fit. */
  maxPixelBytes: 160 * 1024 * 1024,
  /** Data rows of one CSV table. */
  maxRows: 100_000,
  /** Feature columns of one CSV table. */
  maxFeatures: 1_000,
  /** Classes of one dataset (distinct values of a label column, class folders). */
  maxClasses: 100,
  /** Samples each class needs at least: one to train on, one to test with. */
  minPerClass: 2,
} as const;

/** The image sizes (square, in pixels) the import offers; imported images are stored at this size. */
export const IMAGE_SIZES = [8, 16, 24, 32, 48, 64] as const;

/** The size offered first. */
export const DEFAULT_IMAGE_SIZE = 32;

/** Bytes in a megabyte, as the limits are stated. */
const MB = 1024 * 1024;

/** The limits as the drop zone shows them. */
export const LIMITS_TEXT =
  `Up to ${IMPORT_LIMITS.maxImages.toLocaleString('en')} images or a CSV of up to ${IMPORT_LIMITS.maxRows.toLocaleString('en')} rows, ` +
  `${IMPORT_LIMITS.maxBytes / MB} MB of files at most; at least ${IMPORT_LIMITS.minPerClass} samples per class, at most ${IMPORT_LIMITS.maxClasses} classes.`;

/** How many images of `size` x `size` with `channels` channels fit the stored-pixel limit. */
export function maxImagesAt(size: number, channels: number): number {
  return Math.min(IMPORT_LIMITS.maxImages, Math.floor(IMPORT_LIMITS.maxPixelBytes / (size * size * channels)));
}

/** A byte count as people read it (KB, MB). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MB) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / MB).toFixed(1)} MB`;
}
