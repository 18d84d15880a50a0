import type { Element, ElementContent, Root, RootContent } from 'hast';

/** Full-width closing punctuation: never the first character of a line in Chinese text. */
const closing = /^[，。、；：！？）」』”’》〉】]/;

/**
 * TeX sources up to this length render well inside the 375 px column, so a glued formula moves to the next line
 * whole instead of widening the page (measured at 375 px: the widest glued formula, 38 characters, is 254 px; a
 * list item is 311 px wide).
 */
const shortTex = 40;

/** The TeX source KaTeX keeps in the formula's MathML annotation. */
function texOf(node: Element): string {
  let tex = '';
  const walk = (n: ElementContent) => {
    if (n.type === 'element') {
      if (n.tagName === 'annotation') tex += n.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
      else n.children.forEach(walk);
    }
  };
  walk(node);
  return tex;
}

const isInlineFormula = (n: RootContent | undefined): n is Element =>
  n?.type === 'element' &&
  n.tagName === 'span' &&
  (n.properties.className as string[] | undefined)?.includes('katex') === true;

/**
 * A rehype plugin (after rehype-katex): an inline formula followed by a full-width comma, full stop or closing
 * mark is wrapped with that one character in `<span class="katex-nobreak">` (white-space: nowrap, i18n.css).
 * Chromium breaks a line after a formula's last inline-block even before a closing mark, which `line-break:
 * strict` forbids in text, so at 375 px a line could start with "，". Only short formulas are glued (`shortTex`):
 * a formula stays breakable inside where it could be wider than the column. English text has no such marks, so
 * its pages are unchanged.
 */
export function rehypeKatexPunctuation() {
  const visit = (parent: Root | Element) => {
    const kids = parent.children as RootContent[];
    for (let i = 0; i < kids.length; i++) {
      const node = kids[i];
      const next = kids[i + 1];
      if (
        isInlineFormula(node) &&
        next?.type === 'text' &&
        closing.test(next.value) &&
        texOf(node).length <= shortTex
      ) {
        const glued: Element = {
          type: 'element',
          tagName: 'span',
          properties: { className: ['katex-nobreak'] },
          children: [node, { type: 'text', value: next.value.slice(0, 1) }],
        };
        const rest = next.value.slice(1);
        kids.splice(i, 2, glued, ...(rest ? [{ type: 'text' as const, value: rest }] : []));
      } else if (node?.type === 'element') visit(node);
    }
  };
  return (tree: Root) => visit(tree);
}
