import { paramName } from '../url/state.ts';

/**
 * The address of a widget's embed page with its state: `/embed/<id>/[?present][&lang=zh]#w-<id>=<code>`.
 * `lang` keeps the sharing page's language (issue 23: a Chinese page shares a Chinese embed); the site's base
 * language needs no parameter, so English links stay as they were.
 */
export function embedUrl(
  base: string,
  id: string,
  code: string,
  options: { present?: boolean; lang?: string; baseLang?: string } = {},
): string {
  const url = new URL(`/embed/${encodeURIComponent(id)}/`, base);
  const query = [
    ...(options.present ? ['present'] : []),
    ...(options.lang && options.lang !== (options.baseLang ?? 'en')
      ? [`lang=${encodeURIComponent(options.lang)}`]
      : []),
  ];
  url.search = query.join('&');
  if (code !== '') url.hash = `${paramName(id)}=${code}`;
  return url.href;
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
