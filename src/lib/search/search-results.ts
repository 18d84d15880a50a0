/**
 * A search's results as the reader sees them: each page a link with its excerpt (matches marked) and the
 * headings inside it that matched, and the status line's count. search-ui.ts loads this with Pagefind on the
 * first search, so the box on every page (and the /search/ page before anything is typed) does without it.
 */
import { m } from '../i18n/messages.ts';
import { excerptParts } from './excerpt.ts';
import type { PagefindResult } from './pagefind.ts';
import { el } from './search-ui.ts';

/** Shows `results` (the first of `count` matches for `term`) in `list`, and says how many in `status`. */
export function showResults(
  list: HTMLElement,
  status: HTMLElement,
  results: readonly PagefindResult[],
  count: number,
  term: string,
): void {
  list.replaceChildren(...results.map(resultItem));
  status.textContent = count === 0 ? m.chrome_search_none({ term }) : m.chrome_search_found({ count, term });
}

/** One result: the page title as a link, the excerpt with its matches marked, and matching headings. */
function resultItem(r: PagefindResult): HTMLLIElement {
  const li = el('li', { class: 'search-result' }) as HTMLLIElement;
  const link = el('a', { href: r.url, class: 'search-hit' }, r.meta.title ?? r.url);
  li.append(link, excerpt(r.excerpt));
  const sections = (r.sub_results ?? []).filter((s) => s.url !== r.url).slice(0, 3);
  if (sections.length > 0) {
    const sub = el('ul', { class: 'search-sections' });
    for (const s of sections) {
      const item = el('li');
      item.append(el('a', { href: s.url, class: 'search-hit' }, s.title), excerpt(s.excerpt));
      sub.append(item);
    }
    li.append(sub);
  }
  return li;
}

function excerpt(html: string): HTMLElement {
  const p = el('p', { class: 'search-excerpt' });
  for (const part of excerptParts(html)) p.append(part.match ? el('mark', {}, part.text) : part.text);
  return p;
}
