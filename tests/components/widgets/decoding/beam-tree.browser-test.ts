import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { BeamNode } from '~components/state/models/decoding.svelte.ts';
import BeamTree from '~components/widgets/decoding/BeamTree.svelte';
import { BOX, COLUMN } from '~components/widgets/decoding/beam-tree-layout.ts';

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
const props = (t: Node[], path = new Set<number>()) => ({
  tree: t,
  upTo: 1,
  name: String,
  path,
  label: 'beam search tree',
});
/** The RGBA of the canvas at a CSS-pixel point: inside a box, left of its label (12 + column·132 + 2, row·30 + 8 + 12). */
const pixelInBox = (root: Element, column: number, row: number) => {
  const canvas = root.querySelector('canvas') as HTMLCanvasElement;
  const scale = canvas.width / canvas.getBoundingClientRect().width;
  const x = 12 + column * COLUMN + 2;
  const y = 8 + row * 30 + BOX.h / 2;
  return Array.from(canvas.getContext('2d')?.getImageData(x * scale, y * scale, 1, 1).data ?? []);
};

describe('BeamTree', () => {
  it('draws each step’s candidates in its column and clears the boxes a narrower tree no longer has', async () => {
    document.documentElement.style.setProperty('--bg-raised', 'rgb(0, 0, 255)');
    const screen = await render(BeamTree, props(width2));
    const root = screen.container;
    expect(pixelInBox(root, 2, 1), 'step 1, second candidate (finished, drawn opaque): a box').toEqual([
      0, 0, 255, 255,
    ]);
    await screen.rerender(props(width1));
    await expect
      .poll(() => pixelInBox(root, 2, 1), { message: 'gone in the width-1 tree, which has one candidate at step 1' })
      .toEqual([0, 0, 0, 0]);
    expect(pixelInBox(root, 2, 0), 'its first candidate stays').toEqual([0, 0, 255, 255]);
    document.documentElement.style.removeProperty('--bg-raised');
  });

  it('sizes its box to the tree, and its canvas to the part in view at the screen’s density', async () => {
    const screen = await render(BeamTree, props(width2));
    const tree = screen.container.querySelector('.tree') as HTMLElement;
    const box = tree.querySelector('.canvas') as HTMLElement;
    const canvas = box.querySelector('canvas') as HTMLCanvasElement;
    expect(box.getBoundingClientRect().width).toBeCloseTo(12 + 3 * COLUMN + 8, 0);
    expect(box.getBoundingClientRect().height).toBeCloseTo(16 + 4 * 30, 0);
    const inView = Math.min(12 + 3 * COLUMN + 8, tree.clientWidth);
    await expect.poll(() => canvas.width).toBe(Math.ceil(inView * Math.max(1, devicePixelRatio)));
    expect(box.getAttribute('role')).toBe('img');
    expect(box.getAttribute('aria-label')).toMatch(/beam search tree/);
  });

  it('in a scroller narrower than the tree, starts at the newest step and draws what a scroll brings into view', async () => {
    document.documentElement.style.setProperty('--bg-raised', 'rgb(0, 0, 255)');
    // Four steps, one candidate each: 12 + 5 · 132 + 8 = 680 px wide.
    const chain = tree([
      [-1, 0, 1, -0.1, 'kept'],
      [0, 1, 2, -0.2, 'kept'],
      [1, 2, 3, -0.3, 'kept'],
      [2, 3, 4, -0.4, 'finished'],
    ]);
    const screen = await render(BeamTree, { ...props(chain), upTo: 3 });
    const scroller = screen.container.querySelector('.tree') as HTMLElement;
    const canvas = scroller.querySelector('canvas') as HTMLCanvasElement;
    const scale = () => canvas.width / canvas.getBoundingClientRect().width;
    /** The canvas's pixel under a point of the tree (CSS pixels from the tree's left edge). */
    const at = (x: number, y: number) =>
      Array.from(
        canvas.getContext('2d')?.getImageData((x - scroller.scrollLeft) * scale(), y * scale(), 1, 1).data ?? [],
      );
    expect(scroller.clientWidth, 'narrower than the tree').toBeLessThan(680);
    expect(scroller.scrollLeft, 'scrolled to the newest step').toBe(scroller.scrollWidth - scroller.clientWidth);
    expect(canvas.getBoundingClientRect().width, 'the canvas covers the part in view').toBeCloseTo(
      scroller.clientWidth,
      0,
    );
    expect(at(12 + 4 * COLUMN + 2, 8 + BOX.h / 2), 'step 3’s box, in view').toEqual([0, 0, 255, 255]);
    scroller.scrollLeft = 0;
    await expect
      .poll(() => [at(12 + 2, 8 + 4), at(120, 12)], {
        message: 'the ⟨sos⟩ box drawn once scrolled to, and the gap after it empty (not the old drawing moved)',
      })
      .toEqual([
        [0, 0, 255, 255],
        [0, 0, 0, 0],
      ]);
    document.documentElement.style.removeProperty('--bg-raised');
  });

  it('draws the chosen path in the accent’s soft fill and redraws when the theme changes', async () => {
    const html = document.documentElement;
    html.style.setProperty('--accent-soft', 'rgb(0, 128, 0)');
    const screen = await render(BeamTree, props(width2, new Set([0, 2])));
    const root = screen.container;
    expect(pixelInBox(root, 1, 0), 'step 0 on the path').toEqual([0, 128, 0, 255]);
    // The theme switch changes the custom properties; the canvas reads them again when data-theme changes.
    html.style.setProperty('--accent-soft', 'rgb(128, 0, 0)');
    expect(pixelInBox(root, 1, 0), 'not redrawn before the theme switch').toEqual([0, 128, 0, 255]);
    html.dataset.theme = html.dataset.theme === 'dark' ? 'light' : 'dark';
    await expect.poll(() => pixelInBox(root, 1, 0)).toEqual([128, 0, 0, 255]);
    html.style.removeProperty('--accent-soft');
  });
});
