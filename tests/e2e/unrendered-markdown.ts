import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseHTML } from 'linkedom';

const dist = resolve(process.env.STEPWISE_DIST ?? new URL('../../dist/', import.meta.url).pathname);

/**
 * Markdown emphasis the build left as text on `path`, with a few characters around each: `**` or `__` in the
 * page's prose (code, formulas and scripts left out, where they are operators). CommonMark only closes `**`
 * after punctuation when whitespace or punctuation follows, so `**浏览器。**无头` in a Chinese twin shows its
 * asterisks; `**浏览器**。无头` does not.
 */
export function unrenderedEmphasis(path: string): string[] {
  const { document } = parseHTML(readFileSync(join(dist, path, 'index.html'), 'utf8'));
  for (const el of document.querySelectorAll('script, style, pre, code, .katex, template')) el.remove();
  const text = document.body?.textContent ?? '';
  return [...text.matchAll(/.{0,12}(\*\*|__).{0,12}/g)].map((m) => m[0].replace(/\s+/g, ' '));
}
