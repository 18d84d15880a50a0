import { paramName } from '../url/state.ts';

/** The address of a widget's embed page with its state: `/embed/<id>/[?present]#w-<id>=<code>`. */
export function embedUrl(base: string, id: string, code: string, options: { present?: boolean } = {}): string {
  const url = new URL(`/embed/${encodeURIComponent(id)}/`, base);
  if (options.present) url.search = 'present';
  if (code !== '') url.hash = `${paramName(id)}=${code}`;
  return url.href.replace('?present=', '?present');
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** An <iframe> snippet for slides and pages: titled, lazily loaded, borderless, 800×600 unless told. */
export function iframeSnippet(
  src: string,
  title: string,
  size: { width: number; height: number } = { width: 800, height: 600 },
): string {
  return (
    `<iframe src="${escapeAttr(src)}" title="${escapeAttr(`${title} (Stepwise)`)}" ` +
    `width="${size.width}" height="${size.height}" loading="lazy" style="border:0" allow="clipboard-write"></iframe>`
  );
}
