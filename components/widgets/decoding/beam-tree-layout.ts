import type { BeamNode } from '~components/state/models/decoding.svelte.ts';

/** What the drawing reads of a candidate (the engine's node without its α row, which the lab does not send). */
export type TreeNode = Omit<BeamNode, 'alpha'>;

/** One column per decoder step, one row per rank within the step; a box's size in CSS pixels. */
export const COLUMN = 132;
export const ROW = 30;
export const BOX = { w: 120, h: 24 } as const;
/** The ⟨sos⟩ box left of step 0 (narrower than a candidate's). */
export const ROOT = { x: 12, y: 8, w: BOX.w - 20 } as const;

export interface PlacedNode {
  node: TreeNode;
  /** Top-left corner of its box. */
  x: number;
  y: number;
  /** Where its edge starts: the parent's right edge (the root's for step 0), at mid-height. */
  fromX: number;
  fromY: number;
  /** On the chosen output's path (drawn bold). */
  onPath: boolean;
}

export interface TreeLayout {
  placed: PlacedNode[];
  width: number;
  height: number;
}

/**
 * Places the candidates of steps 0..upTo: step k in column k + 1 (the root is column 0), each step's candidates
 * likeliest first (ties by id), so a candidate's row is its rank at its step. The size covers every step up to
 * `upTo` and the tallest step of the whole tree, so stepping through a search does not change the height.
 */
export function layoutBeamTree(tree: readonly TreeNode[], upTo: number, path: ReadonlySet<number>): TreeLayout {
  const columns: TreeNode[][] = [];
  for (const n of tree) {
    const column = columns[n.step] ?? [];
    column.push(n);
    columns[n.step] = column;
  }
  const rows = new Map<number, number>();
  for (const column of columns) {
    if (column === undefined) continue;
    column.sort((a, b) => b.logProb - a.logProb || a.id - b.id);
    for (const [r, n] of column.entries()) rows.set(n.id, r);
  }
  const x = (n: TreeNode) => 12 + (n.step + 1) * COLUMN;
  const y = (n: TreeNode) => 8 + (rows.get(n.id) ?? 0) * ROW;
  const placed: PlacedNode[] = [];
  for (const n of tree) {
    if (n.step > upTo) continue;
    const parent = n.parent >= 0 ? tree[n.parent] : undefined;
    placed.push({
      node: n,
      x: x(n),
      y: y(n),
      fromX: parent ? x(parent) + BOX.w : ROOT.x + ROOT.w,
      fromY: (parent ? y(parent) : ROOT.y) + BOX.h / 2,
      onPath: path.has(n.id),
    });
  }
  const tallest = Math.max(1, ...columns.map((c) => c?.length ?? 0));
  return { placed, width: 12 + (upTo + 2) * COLUMN + 8, height: 16 + tallest * ROW };
}
