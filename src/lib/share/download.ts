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
  // The browser reads the blob only once the download starts: revoked a second after the click, a busy machine's
  // download never started (lab.spec's export waited 30 s for it, twice in parallel runs). A minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
