import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const dist = resolve(process.env.STEPWISE_DIST ?? new URL('../../dist/', import.meta.url).pathname);

/** Every page of the built site, as URL paths ('/', '/notation/', …), read from dist/. */
export function sitePages(): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== '_astro' && !name.startsWith('.')) walk(full);
      } else if (name === 'index.html') {
        const rel = relative(dist, dir).split(sep).join('/');
        pages.push(rel === '' ? '/' : `/${rel}/`);
      }
    }
  };
  walk(dist);
  if (pages.length === 0) throw new Error('dist/ has no pages: run `npm run build` before the browser tests');
  return pages.sort();
}
