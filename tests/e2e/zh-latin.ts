import type { Page } from '@playwright/test';
import { latinAllowed, latinPhrases, widgetVocabulary } from './zh-latin-allow.ts';

/**
 * Where Latin letters may stand on a Chinese page without being an untranslated string (issue 23): formulas
 * (KaTeX and its MathML), code, keys, and text the markup marks as another language or not to be translated (a
 * reference, a deliberate English or French example, a symbol), plus script and style content.
 */
const notProse = [
  '.katex',
  'math',
  'code',
  'pre',
  'kbd',
  'samp',
  'var',
  'script',
  'style',
  'noscript',
  'template',
  '[translate="no"]',
  '[lang]:not([lang|="zh"])',
].join(', ');

/** One Latin word found on the page: the word, where (the widget or landmark and its text), inside a widget or not. */
export interface LatinHit {
  word: string;
  where: string;
  widget: boolean;
}

/**
 * Every Latin word a reader of `page` (a Chinese page) sees or hears outside formulas, code and marked text:
 * the text (a closed <details> counts: it is one click away; display:none, [hidden] and aria-hidden do not), and
 * the names and hints a screen reader reads (aria-label, aria-description, title, alt, placeholder). A word is a
 * run of letters, digits, underscores, hyphens and combining marks with a Latin letter in it. What passes: a
 * symbol (one letter, `h̃`, or a name with a digit or underscore: `x_t`, `W1`, `1-of-N`, `GPT-2`); a gloss or a
 * quoted mention, i.e. a stretch without Han characters inside （…） or “…” (the convention's 隐状态（hidden
 * state）, an English sentence quoted in the prose); a site path (/gru/); and the words and phrases of
 * zh-latin-allow.ts.
 */
export async function latinWords(page: Page): Promise<LatinHit[]> {
  const found = await page.evaluate(
    ({ skip, phrases }) => {
      const hits: { word: string; where: string; widget: boolean }[] = [];
      const part = "(?:[\\w\\u00C0-\\u024F'’-]|[\\u0300-\\u036F])*";
      const word = new RegExp(`${part}[A-Za-z\\u00C0-\\u024F]${part}`, 'g');
      const place = (el: Element, text: string) => {
        const owner = el.closest('[data-widget]')?.getAttribute('data-widget');
        const landmark = el.closest('section, article, header, footer, nav, aside, figure')?.tagName.toLowerCase();
        const label = owner ? `widget ${owner}` : (landmark ?? el.tagName.toLowerCase());
        return `${label}: “${text.trim().replace(/\s+/g, ' ').slice(0, 80)}”`;
      };
      const shown = (el: Element) => {
        for (let e: Element | null = el; e; e = e.parentElement) {
          if (e.hasAttribute('hidden') || e.getAttribute('aria-hidden') === 'true') return false;
          // The content of a closed <details> is display:none through the details' slot, not its own style.
          if (getComputedStyle(e).display === 'none' && !(e.parentElement instanceof HTMLDetailsElement)) return false;
        }
        return true;
      };
      // Blanks each stretch without a Han character, between Chinese commas, semicolons or enumeration marks.
      const mention = (inner: string) =>
        inner
          .split(/([，；、])/)
          .map((part) => (/[\u3400-\u9fff]/.test(part) ? part : ' '.repeat(part.length)))
          .join('');
      const collect = (el: Element, text: string) => {
        let own = text;
        for (const p of phrases) own = own.replaceAll(p, ' ');
        // Quotes first: a quoted example may stand inside a parenthesis that holds Chinese.
        own = own.replace(/“[^“”]*”/g, (m) => m[0] + mention(m.slice(1, -1)) + m.at(-1));
        own = own.replace(/（[^（）]*）/g, (m) => m[0] + mention(m.slice(1, -1)) + m.at(-1));
        // A site path (/bahdanau/, /examples/custom-element.html) is a name, not words.
        own = own.replace(/(?<![\w.])\/[\w.-]+(?:\/[\w.-]*)*/g, ' ');
        // An exercise is about a widget and names the same tokens (the built page renders it whole).
        const widget = el.closest('[data-widget], [data-exercise]') !== null;
        for (const m of own.matchAll(word)) hits.push({ word: m[0], where: place(el, text), widget });
      };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        const text = n.textContent ?? '';
        if (el && /[A-Za-z]/.test(text) && !el.closest(skip) && shown(el)) collect(el, text);
      }
      const named = ['aria-label', 'aria-description', 'aria-roledescription', 'title', 'alt', 'placeholder'];
      for (const el of document.body.querySelectorAll(named.map((a) => `[${a}]`).join(', '))) {
        if (el.closest(skip) || !shown(el)) continue;
        for (const a of named) {
          const text = el.getAttribute(a);
          if (text && /[A-Za-z]/.test(text)) collect(el, text);
        }
      }
      return hits;
    },
    { skip: notProse, phrases: [...latinPhrases] },
  );
  return found.filter(({ word, widget }) => {
    const bare = word.replace(/^['’-]+|['’-]+$/g, '');
    return !isSymbol(bare) && !latinAllowed.has(bare) && !(widget && widgetVocabulary.has(bare));
  });
}

/** One letter (with its accents) or a name with a digit or underscore: a symbol from the formulas. */
function isSymbol(word: string): boolean {
  return /^[A-Za-z\u00C0-\u024F][\u0300-\u036F]*$/.test(word) || /[\d_]/.test(word);
}

/** The hits grouped by word, each with its first place and count: one line per untranslated word. */
export function latinReport(hits: readonly LatinHit[]): string[] {
  const first = new Map<string, { where: string; count: number }>();
  for (const h of hits) {
    const seen = first.get(h.word);
    first.set(h.word, { where: seen?.where ?? h.where, count: (seen?.count ?? 0) + 1 });
  }
  return [...first].map(([word, { where, count }]) => `${word} ×${count} (${where})`);
}
