/**
 * Reading the images of a selection: each is decoded (by the browser in the import worker,
 * by a PNG library in Node tests), its centred square area-averaged to the chosen size and
 * stored as bytes. Files that cannot be decoded are skipped and listed; a class left with
 * fewer than two images, or nothing decodable at all, is a refusal.
 */
import { IMAGE_SIZES, IMPORT_LIMITS, formatBytes, maxImagesAt } from './limits';
import { counted, nameList, refuse } from './refusal';
import { channelsOf, resizeSquare, toBytes, type ColourMode, type RgbaImage } from './resize';
import type { ClassedImage } from './selection';

/** Decodes one image file to RGBA; rejects when the file is not a readable image. */
export type DecodeImage = (blob: Blob) => Promise<RgbaImage>;

/** The user's choices for an image import. */
export interface ImageImportOptions {
  /** Side of the stored square images, one of IMAGE_SIZES. */
  size: number;
  colour: ColourMode;
}

/** Decoded images, ready to store. */
export interface ImageSet {
  size: number;
  channels: 1 | 3;
  classes: string[];
  /** `count * size * size * channels` bytes, HWC per image. */
  pixels: Uint8Array;
  labels: Int32Array;
  /** Images kept per class. */
  counts: number[];
  /** Paths of the files that could not be decoded. */
  failed: string[];
  /** Image files tried. */
  tried: number;
}

/** Images decoded at once: the browser decodes in parallel, and each holds a full-size bitmap meanwhile. */
const DECODE_AT_ONCE = 4;

/** The sentence reporting undecodable files ("3 of 412 files could not be decoded: a.jpg, ..."), or null. */
export function skippedReport(failed: readonly string[], tried: number): string | null {
  if (failed.length === 0) return null;
  return `${failed.length} of ${tried} files could not be decoded and were skipped: ${nameList(failed)}.`;
}

/** Refuses sizes the import does not offer and imports whose stored pixels would pass the limit. */
function checkOptions(count: number, options: ImageImportOptions): void {
  if (!(IMAGE_SIZES as readonly number[]).includes(options.size)) refuse(`Images can be stored at ${IMAGE_SIZES.join(', ')} pixels; ${options.size} is not one of them.`);
  const channels = channelsOf(options.colour);
  const fit = maxImagesAt(options.size, channels);
  if (count > fit) {
    const bytes = count * options.size * options.size * channels;
    refuse(
      `${count.toLocaleString('en')} images at ${options.size}×${options.size} ${options.colour === 'rgb' ? 'RGB' : 'grey'} would take ${formatBytes(bytes)}, ` +
        `more than the ${formatBytes(IMPORT_LIMITS.maxPixelBytes)} kept per dataset (${fit.toLocaleString('en')} images at that size). Choose a smaller size or grey, or import fewer images.`,
    );
  }
}

/**
 * Decodes and resizes `images` (labels index `classes`). `onProgress(done, total)` is called
 * as files finish. Refuses when nothing decodes or a class keeps fewer than two images.
 */
export async function readImages(
  images: readonly ClassedImage[],
  classes: readonly string[],
  options: ImageImportOptions,
  decode: DecodeImage,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ImageSet> {
  checkOptions(images.length, options);
  const { size, colour } = options;
  const channels = channelsOf(colour);
  const per = size * size * channels;
  const decoded: (Uint8Array | null)[] = new Array(images.length).fill(null);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < images.length) {
      const i = next++;
      try {
        decoded[i] = toBytes(resizeSquare(await decode(images[i]!.file.blob), size, colour));
      } catch {
        decoded[i] = null;
      }
      onProgress(++done, images.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(DECODE_AT_ONCE, images.length) }, worker));
  const failed = images.filter((_, i) => decoded[i] === null).map((img) => img.file.path);
  const kept = images.flatMap((img, i) => (decoded[i] ? [{ label: img.label, bytes: decoded[i] }] : []));
  if (kept.length === 0) {
    refuse(`None of the ${images.length} image files could be decoded (${nameList(failed)}): they may be damaged, or in a format this browser cannot read. Export them as PNG or JPEG and try again.`);
  }
  const counts = classes.map((_, k) => kept.filter((img) => img.label === k).length);
  const small = classes.filter((_, k) => counts[k]! < IMPORT_LIMITS.minPerClass);
  if (small.length > 0) {
    const lost = failed.length > 0 ? ` (${counted(failed.length, 'file')} could not be decoded)` : '';
    refuse(
      `${small.length === 1 ? `Class "${small[0]}" has` : `Classes ${nameList(small.map((s) => `"${s}"`))} have`} fewer than ${IMPORT_LIMITS.minPerClass} readable images${lost}: ` +
        'each class needs one image to train on and one to test with. Add images to it, or remove its folder.',
    );
  }
  const pixels = new Uint8Array(kept.length * per);
  kept.forEach((img, i) => pixels.set(img.bytes, i * per));
  return { size, channels, classes: [...classes], pixels, labels: Int32Array.from(kept, (img) => img.label), counts, failed, tried: images.length };
}
