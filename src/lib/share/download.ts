/**
 * Handing a file to the reader. A module of its own: the progress page's export and the state-dict file need
 * only this, not the image export beside it (export-image.ts, 1.8 KB gzipped).
 */

/** Offers `blob` to the reader as a download named `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
