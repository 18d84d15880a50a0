import { describe, expect, it } from 'vitest';
import { patchChildren } from '~components/parts/patch-html.ts';

const parse = (html: string) => {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t.content;
};
const host = (html: string) => {
  const el = document.createElement('div');
  el.innerHTML = html;
  return el;
};

describe('patchChildren', () => {
  it('patchChildren(el, html) leaves the markup innerHTML would, for changed text, attributes and shapes', () => {
    const cases: [string, string][] = [
      ['<span class="a">0.73</span><span>x</span>', '<span class="a">−0.21</span><span>x</span>'],
      ['<span class="a" style="top:1px">1</span>', '<span class="b">1</span><em>2</em>'],
      ['<span>1</span><em>2</em><b>3</b>', '<span>1</span>'],
      ['text<span>1</span>', '<span>1</span>text'],
      ['<svg width="4"><path d="M0 0"></path></svg>', '<svg width="5"><path d="M0 1"></path></svg>'],
      ['', '<span data-symbol="x" data-index="0,1">4</span>'],
    ];
    for (const [before, after] of cases) {
      const el = host(before);
      patchChildren(el, parse(after));
      expect(el.innerHTML).toBe(host(after).innerHTML);
    }
  });

  it('patchChildren(el, html) keeps the nodes whose kind and tag match and writes only the changed text', () => {
    const el = host('<span class="mord">0.73</span><span class="mbin">+</span>');
    const [first, second] = Array.from(el.children);
    const plus = second?.firstChild;
    patchChildren(el, parse('<span class="mord">0.75</span><span class="mbin">+</span>'));
    expect(el.children[0]).toBe(first);
    expect(el.children[1]).toBe(second);
    expect(el.children[1]?.firstChild).toBe(plus);
    expect(el.textContent).toBe('0.75+');
  });

  it('patchChildren(el, html) replaces a node whose tag changed instead of reusing it', () => {
    const el = host('<span>1</span>');
    const old = el.firstChild;
    patchChildren(el, parse('<em>1</em>'));
    expect(el.firstChild).not.toBe(old);
    expect(el.innerHTML).toBe('<em>1</em>');
  });
});
