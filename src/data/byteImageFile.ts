/**
 * The compact labelled-image file that `scripts/build-datasets.ts` writes under
 * `public/data/` (e.g. `mnist.u8`). Layout, little-endian:
 *
 * ```
 * bytes 0-3    magic "CLIM"
 * byte  4      format version (1)
 * byte  5      channels C
 * byte  6      number of classes K
 * byte  7      reserved (0)
 * bytes 8-9    height H (uint16)
 * bytes 10-11  width W (uint16)
 * bytes 12-15  image count N (uint32)
 * then         N * H * W * C pixel bytes (HWC, 0..255)
 * then         N label bytes (0..K-1)
 * ```
 *
 * The build script writes the same layout in plain JS; its test decodes the real files
 * with `decodeByteImages`, which keeps the two in step.
 */

/** The four magic bytes, as text. */
export const BYTE_IMAGES_MAGIC = 'CLIM';
/** The format version this code reads and writes. */
export const BYTE_IMAGES_VERSION = 1;
/** Header size in bytes. */
export const BYTE_IMAGES_HEADER = 16;

/** How to repair a bad file, appended to every error message. */
export const BYTE_IMAGES_FIX = 'Rebuild it with `npx tsx scripts/build-datasets.ts --force` (it also runs on `npm install`), then reload the page.';

/** A decoded file: views into the original bytes, not copies. */
export interface ByteImages {
  count: number;
  height: number;
  width: number;
  channels: number;
  classes: number;
  /** `count * height * width * channels` bytes, HWC per image. */
  pixels: Uint8Array;
  /** `count` labels in `0..classes-1`. */
  labels: Uint8Array;
}

/** Total file size for the given dimensions. */
export function byteImagesFileSize(count: number, height: number, width: number, channels: number): number {
  return BYTE_IMAGES_HEADER + count * (height * width * channels + 1);
}

/** Writes a file in the format above (used by tests; the build script has its own writer). */
export function encodeByteImages(d: ByteImages): Uint8Array {
  const per = d.height * d.width * d.channels;
  if (d.pixels.length !== d.count * per) throw new Error(`encodeByteImages: ${d.pixels.length} pixel bytes for ${d.count} images of ${per}.`);
  if (d.labels.length !== d.count) throw new Error(`encodeByteImages: ${d.labels.length} labels for ${d.count} images.`);
  const out = new Uint8Array(byteImagesFileSize(d.count, d.height, d.width, d.channels));
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = BYTE_IMAGES_MAGIC.charCodeAt(i);
  out[4] = BYTE_IMAGES_VERSION;
  out[5] = d.channels;
  out[6] = d.classes;
  view.setUint16(8, d.height, true);
  view.setUint16(10, d.width, true);
  view.setUint32(12, d.count, true);
  out.set(d.pixels, BYTE_IMAGES_HEADER);
  out.set(d.labels, BYTE_IMAGES_HEADER + d.count * per);
  return out;
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, 64)).trimStart().toLowerCase();
  return head.startsWith('<!doctype') || head.startsWith('<html');
}

/**
 * Reads and validates a file. Throws an Error naming the file, what is wrong with it
 * and how to fix it when the header, the size or a label is wrong.
 */
export function decodeByteImages(bytes: Uint8Array, name: string): ByteImages {
  const bad = (what: string): Error => new Error(`Dataset file ${name} ${what}. ${BYTE_IMAGES_FIX}`);
  if (bytes.length >= 5 && looksLikeHtml(bytes)) throw bad('is missing: the server answered with an HTML page instead');
  if (bytes.length < BYTE_IMAGES_HEADER) throw bad(`is truncated or empty (${bytes.length} bytes, shorter than its ${BYTE_IMAGES_HEADER}-byte header)`);
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic !== BYTE_IMAGES_MAGIC) throw bad(`is not a Collapse Lab image file (it starts with ${JSON.stringify(magic)}, expected "${BYTE_IMAGES_MAGIC}")`);
  const version = bytes[4]!;
  if (version !== BYTE_IMAGES_VERSION) throw bad(`has format version ${version}, but this app reads version ${BYTE_IMAGES_VERSION}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const channels = bytes[5]!;
  const classes = bytes[6]!;
  const height = view.getUint16(8, true);
  const width = view.getUint16(10, true);
  const count = view.getUint32(12, true);
  if (channels < 1 || height < 1 || width < 1 || classes < 1 || count < 1) {
    throw bad(`has an invalid header (${count} images of ${height}x${width}x${channels}, ${classes} classes)`);
  }
  const expected = byteImagesFileSize(count, height, width, channels);
  if (bytes.length !== expected) {
    const why = bytes.length < expected ? 'is truncated' : 'has trailing bytes';
    throw bad(`${why}: it is ${bytes.length} bytes, but its header announces ${count} images of ${height}x${width}x${channels} plus labels (${expected} bytes)`);
  }
  const pixelBytes = count * height * width * channels;
  const pixels = bytes.subarray(BYTE_IMAGES_HEADER, BYTE_IMAGES_HEADER + pixelBytes);
  const labels = bytes.subarray(BYTE_IMAGES_HEADER + pixelBytes);
  for (let i = 0; i < count; i++) {
    if (labels[i]! >= classes) throw bad(`is corrupt: image ${i} has label ${labels[i]}, but there are only ${classes} classes`);
  }
  return { count, height, width, channels, classes, pixels, labels };
}
