/**
 * The browser's image decoding, the thin layer of image import that Node cannot run:
 * createImageBitmap decodes the file (any format the browser reads) and an OffscreenCanvas
 * hands back its RGBA bytes. Works in a worker.
 */
import type { RgbaImage } from './resize';

/** Decodes an image file to straight-alpha RGBA bytes; rejects when the browser cannot read it. */
export async function decodeInBrowser(blob: Blob): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2-D canvas in this browser');
    ctx.drawImage(bitmap, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width, height, data };
  } finally {
    bitmap.close();
  }
}
