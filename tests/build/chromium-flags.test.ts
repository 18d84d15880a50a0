import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumArgs, playwrightDisabledFeatures } from '../chromium.ts';

/**
 * Chromium honours only the last --disable-features switch on its command line, and Playwright passes its own
 * before ours: the browser tests' list (tests/chromium.ts) must carry Playwright's whole list or its switches are
 * silently lost (they were, until 2026-12-06). Playwright's list is read from the installed playwright-core, so
 * an upgrade that adds a feature fails here.
 */
function installedPlaywrightList(): string[] {
  const require = createRequire(import.meta.url);
  const bundle = readFileSync(
    join(dirname(require.resolve('playwright-core/package.json')), 'lib/coreBundle.js'),
    'utf8',
  );
  const block = /disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/.exec(bundle)?.[1];
  if (block === undefined)
    throw new Error('playwright-core no longer has a `disabledFeatures = [...]` list where expected');
  return [...block.matchAll(/^\s*"([\w.]+)",?\s*$/gm)].map((m) => m[1] ?? '');
}

describe('the browser tests’ Chromium flags', () => {
  const switches = chromiumArgs.filter((a) => a.startsWith('--disable-features='));
  const ours = switches.at(-1)?.slice('--disable-features='.length).split(',') ?? [];

  it('have one --disable-features switch', () => {
    expect(switches).toHaveLength(1);
  });

  it('repeat every feature Playwright switches off (Chromium reads only the last switch)', () => {
    const theirs = installedPlaywrightList();
    expect(theirs.length, 'features found in playwright-core').toBeGreaterThan(5);
    expect(theirs.filter((f) => !playwrightDisabledFeatures.includes(f))).toEqual([]);
    expect(playwrightDisabledFeatures.filter((f) => !ours.includes(f))).toEqual([]);
  });

  it('switch off the address bar’s WebUI popup (a renderer per test context)', () => {
    expect(ours).toEqual(expect.arrayContaining(['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup']));
  });
});
