import { describe, expect, it } from 'vitest';
import type { BeamNode } from '~components/state/models/decoding.svelte.ts';
import { BOX, COLUMN, layoutBeamTree, ROOT, ROW } from '~components/widgets/decoding/beam-tree-layout.ts';

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
// Width 2 over three steps; at step 1 the likelier candidate (node 4) comes after a less likely one in id order.
const searched = tree([
  [-1, 0, 1, -0.5, 'kept'],
  [-1, 0, 2, -0.1, 'kept'],
  [1, 1, 3, -0.9, 'pruned'],
  [0, 1, 4, -0.6, 'kept'],
  [1, 1, 5, -0.3, 'kept'],
  [4, 2, 6, -0.4, 'finished'],
]);

describe('layoutBeamTree', () => {
  it('puts step k in column k + 1 and each step’s candidates in rank order, likeliest on top', () => {
    const { placed } = layoutBeamTree(searched, 2, new Set());
    const at = (id: number) => placed.find((p) => p.node.id === id);
    expect(at(1)?.y, 'node 1 (−0.1) ranks first at step 0').toBe(8);
    expect(at(0)?.y).toBe(8 + ROW);
    expect([at(4)?.y, at(3)?.y, at(2)?.y], 'step 1 by Σ log p: −0.3, −0.6, −0.9').toEqual([8, 8 + ROW, 8 + 2 * ROW]);
    expect([at(1)?.x, at(4)?.x, at(5)?.x]).toEqual([12 + COLUMN, 12 + 2 * COLUMN, 12 + 3 * COLUMN]);
  });

  it('starts each edge at its parent’s right edge, or at the ⟨sos⟩ box for step 0', () => {
    const { placed } = layoutBeamTree(searched, 2, new Set());
    const at = (id: number) => placed.find((p) => p.node.id === id);
    expect([at(0)?.fromX, at(0)?.fromY]).toEqual([ROOT.x + ROOT.w, ROOT.y + BOX.h / 2]);
    const parent = at(1);
    expect([at(4)?.fromX, at(4)?.fromY]).toEqual([(parent?.x ?? 0) + BOX.w, (parent?.y ?? 0) + BOX.h / 2]);
  });

  it('shows steps up to upTo, is as tall as the tallest step of the whole search, and marks the chosen path', () => {
    const first = layoutBeamTree(searched, 0, new Set([1, 4, 5]));
    expect(first.placed.map((p) => p.node.id)).toEqual([0, 1]);
    expect(first.width).toBe(12 + 2 * COLUMN + 8);
    expect(first.height, 'three rows: step 1 has three candidates').toBe(16 + 3 * ROW);
    expect(first.placed.filter((p) => p.onPath).map((p) => p.node.id)).toEqual([1]);
    expect(layoutBeamTree(searched, 2, new Set()).width).toBe(12 + 4 * COLUMN + 8);
  });
});
