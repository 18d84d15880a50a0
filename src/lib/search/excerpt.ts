/** One run of an excerpt: plain text, or a match Pagefind wrapped in <mark>. */
export interface ExcerptPart {
  readonly text: string;
  readonly match: boolean;
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * Splits a Pagefind excerpt ("…the <mark>forget</mark> gate…", text HTML-escaped) into text runs, so the
 * results list is built with textContent and never parses HTML from the index.
 */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  const re = /<mark>(.*?)<\/mark>/gs;
  let last = 0;
  for (let m = re.exec(excerpt); m; m = re.exec(excerpt)) {
    if (m.index > last) parts.push({ text: textOf(excerpt.slice(last, m.index)), match: false });
    parts.push({ text: textOf(m[1] ?? ''), match: true });
    last = m.index + m[0].length;
  }
  if (last < excerpt.length) parts.push({ text: textOf(excerpt.slice(last)), match: false });
  return parts.filter((p) => p.text.length > 0);
}

function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (e) => entities[e] ?? e);
}
