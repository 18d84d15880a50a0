import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { BeamNode } from '~components/state/models/decoding.svelte.ts';
import BeamTree from '~components/widgets/decoding/BeamTree.svelte';

type Node = Omit<BeamNode, 'alpha'>;
/** A candidate: [parent, step, token, Σ log p, status]; its id is its index, as the engine numbers them. */
const tree = (rows: [number, number, number, number, Node['status']][]): Node[] =>
  rows.map(([parent, step, token, logProb, status], id) => ({
    id,
    parent,
    step,
    token,
    stepLogProb: logProb - (parent >= 0 ? (rows[parent]?.[3] ?? 0) : 0),
    logProb,
    score: logProb,
    status,
  }));
// The same model searched with width 1 and width 2: ids differ ("1 3" is node 1 in the first, node 2 in the second).
const width1 = tree([
  [-1, 0, 1, -0.1, 'kept'],
  [0, 1, 3, -0.3, 'finished'],
]);
const width2 = tree([
  [-1, 0, 1, -0.1, 'kept'],
  [-1, 0, 2, -0.5, 'kept'],
  [0, 1, 3, -0.3, 'finished'],
  [0, 1, 4, -1.0, 'pruned'],
  [1, 1, 3, -0.8, 'finished'],
  [1, 1, 5, -2.0, 'pruned'],
]);
const props = (t: Node[]) => ({ tree: t, upTo: 1, name: String, path: new Set<number>(), label: 'beam search tree' });
/** Each drawn box by its words and score ("3 −0.30"). */
const boxes = (root: Element) =>
  new Map(
    Array.from(root.querySelectorAll('g.node'), (g) => [
      Array.from(g.querySelectorAll('text'), (t) => t.textContent).join(' '),
      g,
    ]),
  );

describe('BeamTree', () => {
  it('keeps the box of every prefix two trees share when the width changes, and adds or removes only the others', async () => {
    const screen = await render(BeamTree, props(width1));
    const root = screen.container;
    const before = boxes(root);
    expect([...before.keys()]).toEqual(['1 −0.10', '3 −0.30']);
    await screen.rerender(props(width2));
    await expect.poll(() => boxes(root).size).toBe(6);
    const wide = boxes(root);
    expect(wide.get('1 −0.10'), 'prefix "1" is the same box').toBe(before.get('1 −0.10'));
    expect(wide.get('3 −0.30'), 'prefix "1 3" is the same box').toBe(before.get('3 −0.30'));
    await screen.rerender(props(width1));
    await expect.poll(() => boxes(root).size).toBe(2);
    expect(boxes(root).get('3 −0.30'), 'and stays it when the width goes back').toBe(before.get('3 −0.30'));
  });

  it('clips a drawing that only grows to the tree’s own size (a resized <svg> lays out every label again)', async () => {
    const screen = await render(BeamTree, props(width2));
    const root = screen.container;
    const svg = root.querySelector('svg') as SVGSVGElement;
    const canvas = root.querySelector('.canvas') as HTMLElement;
    const tall = svg.getAttribute('height');
    expect(canvas.style.height).toBe(`${tall}px`);
    await screen.rerender(props(width1));
    await expect.poll(() => boxes(root).size).toBe(2);
    expect(svg.getAttribute('height'), 'the <svg> kept its size').toBe(tall);
    expect(Number.parseFloat(canvas.style.height), 'the box shows the smaller tree').toBeLessThan(Number(tall));
    expect(canvas.getBoundingClientRect().height).toBeCloseTo(Number.parseFloat(canvas.style.height), 0);
  });
});
