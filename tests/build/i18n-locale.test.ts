import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pageLocale, useLocale } from '~lib/i18n/locale.ts';
import { m } from '~lib/i18n/messages.ts';
import { askPageLocale, pageOnlyDispatcher, runtimeLocaleImport } from '../../src/build/i18n.ts';

const compiled = new URL('../../src/lib/i18n/paraglide/messages/part_widget_reset.js', import.meta.url);

describe('messages ask the page for its language', () => {
  it("askPageLocale(module) replaces the runtime's getLocale import in a compiled message with locale.ts's pageLocale", () => {
    const code = readFileSync(compiled, 'utf8');
    // Paraglide's output still opens with the import the transform looks for (else nothing would change).
    expect(code).toContain(runtimeLocaleImport);
    const out = askPageLocale(code, '/x/locale.ts');
    expect(out).not.toMatch(/from '\.\.\/runtime\.js'/);
    expect(out).toContain('import { pageLocale as getLocale } from "/x/locale.ts";');
  });
  it('pageOnlyDispatcher(module) drops the { locale } option from a compiled message: the page decides', () => {
    const code = askPageLocale(readFileSync(compiled, 'utf8'), '/x/locale.ts');
    const out = pageOnlyDispatcher(code);
    // Paraglide's dispatcher still opens the way the transform looks for (else nothing would change).
    expect(out).not.toBe(code);
    expect(out).not.toContain('options.locale');
    expect(out).toContain('((inputs) => {\n\tconst locale = getLocale()\n');
    expect(out).toContain('if (locale === "zh") return zh_part_widget_reset(inputs)');
  });
  // Through the same Vite plugin as the site: the message follows useLocale without Paraglide's runtime.
  it("m.part_widget_reset() speaks the language useLocale chose, and the page's own again after", () => {
    expect(m.part_widget_reset()).toBe('Reset');
    try {
      expect(useLocale('zh-CN')).toBe('zh');
      expect(m.part_widget_reset()).toBe('重置');
    } finally {
      // Node files share one module registry: put the page's language back.
      useLocale('en');
    }
    expect(pageLocale()).toBe('en');
    expect(m.part_widget_reset()).toBe('Reset');
  });
});
