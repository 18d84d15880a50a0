import { describe, expect, it, vi } from 'vitest';
import type { PagefindApi, PagefindSearch } from '~lib/search/pagefind.ts';

/** Each keystroke's wait for Pagefind, released when the test says (in any order). */
const loads = vi.hoisted(() => [] as ((api: unknown) => void)[]);
vi.mock('~lib/search/pagefind.ts', () => ({
  loadPagefind: () => new Promise((resolve) => loads.push(resolve)),
}));
const { mountSearch } = await import('~lib/search/search-ui.ts');
// Loaded before the keystrokes, so that when each resumes is decided by its wait for Pagefind alone.
await import('~lib/search/search-results.ts');

/** Pagefind's debouncedSearch as documented: every call but the last answers null; the last, after the pause. */
function fakePagefind(): PagefindApi {
  let latest = 0;
  return {
    options: async () => {},
    init: async () => {},
    search: async () => ({ results: [] }),
    debouncedSearch: async (term, _options, pause = 0): Promise<PagefindSearch | null> => {
      const mine = ++latest;
      await new Promise((r) => setTimeout(r, pause));
      if (mine !== latest) return null;
      const data = async () => ({ url: `/${term}/`, excerpt: term, meta: { title: `Page about ${term}` } });
      return { results: [{ id: term, data }] };
    },
  };
}

describe('search box', () => {
  it('shows the newest term’s results when an older keystroke resumes after it (Pagefind loaded out of order)', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    const input = mountSearch(root);
    const status = root.querySelector('.search-status') as HTMLElement;
    for (const text of ['at', 'attention']) {
      input.value = text;
      input.dispatchEvent(new Event('input'));
    }
    await expect.poll(() => loads.length, { message: 'each keystroke waits for Pagefind' }).toBe(2);
    const api = fakePagefind();
    // The newest keystroke's wait ends first, the older one's after it: the older resumes last.
    loads[1]?.(api);
    await new Promise((r) => setTimeout(r, 20));
    loads[0]?.(api);
    await expect
      .poll(() => Array.from(root.querySelectorAll('a.search-hit'), (a) => a.textContent), { timeout: 3000 })
      .toEqual(['Page about attention']);
    expect(status.textContent).not.toBe('Searching…');
    root.remove();
  });
});
