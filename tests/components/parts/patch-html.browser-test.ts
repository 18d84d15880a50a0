import { describe, expect, it, vi } from 'vitest';
import { katexLoader } from '~lib/tex/katex-loader.svelte.ts';
import { renderLiveTex, texBindAt } from '~lib/tex/live.ts';
import { texNumber } from '~lib/ui/format.ts';
import { patchChildren, patchedHtml } from '~components/parts/patch-html.ts';

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

describe('patchedHtml', () => {
  /** Applies `patchedHtml` to a host for each markup in turn, as the formula's attachment does on each change. */
  const run = (markups: readonly string[], check: (el: HTMLElement, html: string, k: number) => void) => {
    let current = markups[0] as string;
    const el = host(current);
    const attach = patchedHtml(
      () => current,
      () => false,
      () => {},
    );
    for (const [k, html] of markups.entries()) {
      current = html;
      attach(el);
      check(el, html, k);
    }
  };

  it('leaves the markup innerHTML would, through KaTeX lines whose numbers, signs and shape change', async () => {
    await katexLoader.load();
    const line = (a: number, b: number, extra = '') =>
      renderLiveTex(
        `z_1 = \\sigma\\big(${texBindAt('W', [0, 0], a, texNumber(a, 2))}\\cdot x + ${texBindAt('b', [0, 0], b, texNumber(b, 2))}${extra}\\big) = \\sqrt{${texNumber(a * b, 3)}} \\text{ a<b & "c"}`,
      ).html;
    const markups = [
      line(0.73, 1.5),
      line(-0.21, 1.5),
      line(-0.21, 12.25),
      line(3, -0.5, ' + \\frac{1}{2}'),
      line(3, -0.75, ' + \\frac{1}{2}'),
      line(0.1, 0.2),
      '<span class="a">1 &amp; 2</span>',
      '<span class="a" title="x">1 &lt; 2</span>',
      '<span class="b">1 &gt; 2</span>',
      '<svg width="4"><path d="M0 0"/></svg>',
      '<svg width="5"><path d="M0 1"/></svg>',
    ];
    run(markups, (el, html) => expect(el.innerHTML).toBe(host(html).innerHTML));
  });

  it('writes a line whose numbers moved in place, token by token, without parsing it', async () => {
    await katexLoader.load();
    const line = (a: number) => renderLiveTex(`y = ${texBindAt('W', [0, 0], a, texNumber(a, 2))}\\cdot x`).html;
    const create = vi.spyOn(document, 'createElement');
    let nodes: Element[] = [];
    run([line(0.5), line(0.25), line(0.75), line(1.5)], (el, html, k) => {
      expect(el.innerHTML).toBe(host(html).innerHTML);
      const now = Array.from(el.querySelectorAll('*'));
      if (k === 1) nodes = now;
      // After the first change (parsed, and mapped to its nodes) the same elements carry every later one.
      if (k > 1) expect(now).toEqual(nodes);
    });
    // One parse, at the first change; the later ones are written without a <template>.
    expect(create.mock.calls.filter(([tag]) => tag === 'template')).toHaveLength(1);
    create.mockRestore();
  });
});
