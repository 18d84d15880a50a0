import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator } from '@playwright/test';
import { sitePages } from './site-pages.ts';

const dist = resolve(process.env.STEPWISE_DIST ?? new URL('../../dist/', import.meta.url).pathname);

/** Every page of the build with the widget ids its HTML declares (server-rendered data-widget), embeds included. */
export function pagesWithWidgets(): { path: string; widgets: string[] }[] {
  return sitePages()
    .map((path) => {
      const html = readFileSync(join(dist, path, 'index.html'), 'utf8');
      const widgets = [...new Set([...html.matchAll(/data-widget="([^"]+)"/g)].map((m) => m[1] ?? ''))];
      return { path, widgets: widgets.filter((w) => w !== '') };
    })
    .filter((p) => p.widgets.length > 0);
}

/**
 * Chapter (non-embed) pages with widgets, English edition: where readers meet them first. The Chinese twins
 * (/zh/…) hold the same widgets with the same numbers; what differs there (text, layout, axe) is checked by the
 * page sweep (pages.spec.ts), so the widget hardening specs do not load every widget twice.
 */
export function chapterPagesWithWidgets() {
  return pagesWithWidgets().filter((p) => !p.path.startsWith('/embed/') && !p.path.startsWith('/zh/'));
}

/** base64url of UTF-8 text, as the link state encodes it. */
export function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The same state for every widget on a page: `#w-a=code&w-b=code`. */
export function hashFor(widgets: string[], code: string): string {
  return `#${widgets.map((w) => `w-${w.replace(/[^\w-]/g, '_')}=${code}`).join('&')}`;
}

/** Text shown in the widget, and whether any "NaN" in it comes with an explanation (a marked overflow or a message). */
export async function nanExplained(widget: Locator): Promise<{ text: string; ok: boolean }> {
  const text = (await widget.textContent()) ?? '';
  if (!/\bNaN\b/.test(text)) return { text, ok: true };
  const explained = await widget
    .locator('.overflow, [role="status"], [role="alert"], .messages, .error, .warning')
    .filter({ hasText: /./ })
    .count();
  return { text, ok: explained > 0 };
}
