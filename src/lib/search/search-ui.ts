import { m } from '../i18n/messages.ts';
import { loadPagefind } from './pagefind.ts';
import css from './search.css?inline';

// This module is loaded only when search opens, and a lazily loaded chunk brings no stylesheet link of its own
// (astro.config.mjs, cssFreeDynamicImports): imported as a plain `./search.css` its rules were in no file of the
// build and the dialog showed unstyled. The document adopts them once, as a constructed sheet, which the strict
// style-src allows (the custom element's styles come the same way).
const sheet = new CSSStyleSheet();
sheet.replaceSync(css);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const maxResults = 8;

/**
 * Builds the search box and its results inside `root` (the header's dialog or the /search/ page). Results are
 * links; ↓ from the box moves into them, ↑ ↓ move between them, Enter follows one. Returns the input, so the
 * caller can focus it or fill it from ?q=. An `input` already in `root` (the dialog's shell) is adopted.
 */
export function mountSearch(root: HTMLElement, existing?: HTMLInputElement): HTMLInputElement {
  root.classList.add('search-ui');
  const label = el('label', { for: 'search-input', class: 'search-label' }, m.chrome_search_label());
  const input = existing ?? (el('input') as HTMLInputElement);
  const attrs = {
    id: 'search-input',
    type: 'search',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: m.chrome_search_placeholder(),
    'aria-describedby': 'search-status',
    'aria-controls': 'search-results',
  };
  for (const [k, v] of Object.entries(attrs)) input.setAttribute(k, v);
  const status = el('p', { id: 'search-status', class: 'search-status', role: 'status' });
  const list = el('ol', { id: 'search-results', class: 'search-results', 'aria-label': m.chrome_search_results() });
  // The adopted input stays where it is: moving it in the DOM would take away the focus the reader typed into.
  if (existing) {
    existing.before(label);
    existing.after(status, list);
  } else root.append(label, input, status, list);

  let generation = 0;
  input.addEventListener('input', async () => {
    const term = input.value.trim();
    const mine = ++generation;
    if (term === '') {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    status.textContent = m.chrome_search_searching();
    try {
      // How results are shown comes with Pagefind, on the first search: nothing shows one before it.
      const [pagefind, { showResults }] = await Promise.all([loadPagefind(), loadResults()]);
      // Only the newest term may search: Pagefind's debouncedSearch answers null to every call but its last, so an
      // older keystroke resuming late (its module promise settled after a newer one's) would leave the box at
      // "Searching…" for good (seen once in CI, 2026-12-06).
      if (mine !== generation) return;
      const search = await pagefind.debouncedSearch(term, {}, 150);
      if (search === null || mine !== generation) return;
      const results = await Promise.all(search.results.slice(0, maxResults).map((r) => r.data()));
      if (mine !== generation) return;
      showResults(list, status, results, search.results.length, term);
    } catch {
      status.textContent = m.chrome_search_failed();
    }
  });

  root.addEventListener('keydown', (e) => {
    const links = [...list.querySelectorAll<HTMLAnchorElement>('a.search-hit')];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (e.key === 'ArrowDown' && links.length > 0) {
      e.preventDefault();
      links[Math.min(at + 1, links.length - 1)]?.focus();
    } else if (e.key === 'ArrowUp' && at >= 0) {
      e.preventDefault();
      if (at === 0) input.focus();
      else links[at - 1]?.focus();
    }
  });
  return input;
}

let resultsModule: Promise<typeof import('./search-results.ts')> | undefined;
/** search-results.ts, imported once: every keystroke waits on the same promise, so they resume in typing order. */
function loadResults(): Promise<typeof import('./search-results.ts')> {
  resultsModule ??= import('./search-results.ts');
  // A failed load (offline) may be retried on the next keystroke.
  resultsModule.catch(() => {
    resultsModule = undefined;
  });
  return resultsModule;
}

/** An element with its attributes and text (search-results.ts builds the results with it too). */
export function el(tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}
