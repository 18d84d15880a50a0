/** The subset of Pagefind's browser API the site uses (dist/pagefind/pagefind.js, written at build time). */
export interface PagefindApi {
  options(o: { excerptLength?: number; baseUrl?: string }): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(term: string, options?: object, debounceMs?: number): Promise<PagefindSearch | null>;
  search(term: string): Promise<PagefindSearch>;
}

/** A search's results, each loaded on demand. */
export interface PagefindSearch {
  results: { id: string; data(): Promise<PagefindResult> }[];
}

/** One page that matched: its URL, title, highlighted excerpt and the headings within it that matched. */
export interface PagefindResult {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: { title: string; url: string; excerpt: string }[];
}

let loading: Promise<PagefindApi> | undefined;

/**
 * Loads Pagefind and its index the first time search is used (nothing before: a chapter's JavaScript does not
 * grow with the index). The path is built at run time so the bundler leaves this import to the browser.
 */
export function loadPagefind(): Promise<PagefindApi> {
  if (!loading) {
    const url = new URL('/pagefind/pagefind.js', location.href).href;
    loading = (import(/* @vite-ignore */ url) as Promise<PagefindApi>).then(async (api) => {
      await api.options({ excerptLength: 24 });
      await api.init();
      return api;
    });
    // A failed load (offline before the index was ever fetched) may be retried on the next open.
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}
