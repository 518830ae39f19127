/**
 * Saving a file to the user's downloads from the page itself: a Blob behind a blob: URL and a
 * click on a temporary link. Nothing is sent anywhere.
 */

/** How long a download's blob: URL lives (the browser has started reading it by then). */
const URL_LIFETIME_MS = 60_000;

/** Offers `blob` as a download called `fileName`. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), URL_LIFETIME_MS);
}
