import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults, ElementContext, RunOptions } from 'axe-core';

/**
 * How the browser tests run axe-core: in the page itself, injected once per document.
 *
 * Why not @axe-core/playwright's AxeBuilder (still used for the second origin in cross-origin-element.spec.ts):
 * each `analyze()` sends axe's whole source (1 MB unminified) to the page twice, re-creates axe, and ships every
 * result type back; that was 0.3–0.9 s of a 1.5–2.3 s run on /gru/ (SwiftShader, 2026-12-06, the same run timed
 * both ways), and the sweeps run axe about 160 times. The audit is the same: the same axe-core (one copy in
 * node_modules, the version AxeBuilder uses), the same `axe.run(context, options)` call AxeBuilder's legacy mode
 * makes, in every same-origin frame as AxeBuilder injects it.
 */

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What to audit: only `include` (CSS selectors) when given, never `exclude`; only `rules`, or all but `skipRules`. */
export interface AxeScope {
  include?: string[];
  exclude?: string[];
  rules?: string[];
  skipRules?: string[];
}

/** One violation as the tests report it: the rule, its help text and the selectors of the elements that broke it. */
export interface AxeViolation {
  id: string;
  help: string;
  targets: string[];
}

/** Injects axe-core into every frame of the page that does not have it yet (a navigation drops it). */
async function ensureAxe(page: Page): Promise<void> {
  for (const frame of page.frames()) {
    const present = await frame.evaluate(() => typeof (window as { axe?: { run?: unknown } }).axe?.run === 'function');
    if (!present) await frame.evaluate(axeSource);
  }
}

/** Runs axe on the page's current state and returns its violations (only: `resultTypes` skips collecting passes). */
export async function axeRun(page: Page, scope: AxeScope = {}): Promise<AxeViolation[]> {
  await ensureAxe(page);
  const context: { include?: string[]; exclude: string[] } = { exclude: scope.exclude ?? [] };
  if (scope.include && scope.include.length > 0) context.include = scope.include;
  const options: RunOptions = { resultTypes: ['violations'] };
  if (scope.rules) options.runOnly = { type: 'rule', values: scope.rules };
  if (scope.skipRules) options.rules = Object.fromEntries(scope.skipRules.map((id) => [id, { enabled: false }]));
  return page.evaluate(
    async ({ context, options }) => {
      const axe = (window as unknown as { axe: { run(c: ElementContext, o: RunOptions): Promise<AxeResults> } }).axe;
      const results = await axe.run(context as ElementContext, options);
      return results.violations.map((v) => ({
        id: v.id,
        help: v.help,
        targets: v.nodes.map((n) => n.target.flat().join(' ')),
      }));
    },
    { context, options },
  );
}

/** axe violations on the page, one line each (rule, help, elements), prefixed with `label`. */
export async function axeViolations(page: Page, label: string, scope: AxeScope = {}): Promise<string[]> {
  return (await axeRun(page, scope)).map((v) => `${label} ${v.id}: ${v.help} (${v.targets.join('; ')})`);
}
