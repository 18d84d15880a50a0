import { BOX, type PlacedNode, ROOT, type TreeLayout } from './beam-tree-layout.ts';

/** The page's colours and fonts as the canvas needs them (resolved values: a canvas cannot read var()). */
export interface TreePalette {
  box: string;
  line: string;
  text: string;
  muted: string;
  accent: string;
  accentSoft: string;
  sans: string;
  mono: string;
}

/** The palette from the custom properties in force at `el` (the theme's and the presentation mode's). */
export function paletteAt(el: Element): TreePalette {
  const style = getComputedStyle(el);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    box: v('--bg-raised', v('--bg', '#fff')),
    line: v('--text-muted', '#555'),
    text: v('--text', '#000'),
    muted: v('--text-muted', '#555'),
    accent: v('--accent', '#1f6f8b'),
    accentSoft: v('--accent-soft', '#e1eff4'),
    sans: style.fontFamily || 'sans-serif',
    mono: v('--font-mono', 'monospace'),
  };
}

export interface TreeLabels {
  /** A candidate's word as shown. */
  word: (token: number) => string;
  /** A candidate's score as shown. */
  score: (score: number) => string;
}

/** The part of the tree a canvas shows: from x, this wide (CSS pixels). */
export interface TreeView {
  x: number;
  width: number;
}

/**
 * Draws the tree, or the part of it in `view`, into `canvas` at `scale` device pixels per CSS pixel. One canvas
 * instead of an <svg> of boxes: a width step in the lab replaces most of ~90 boxes, and Chromium laid out their
 * ~180 <text> labels again on every step, most of the step's frame on a 2-core machine (issue 16).
 */
export function drawBeamTree(
  canvas: HTMLCanvasElement,
  layout: TreeLayout,
  palette: TreePalette,
  labels: TreeLabels,
  scale: number,
  view: TreeView = { x: 0, width: layout.width },
): void {
  const width = Math.ceil(view.width * scale);
  const height = Math.ceil(layout.height * scale);
  // Resizing clears the canvas and allocates its pixels again: only when the size changes.
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  ctx.setTransform(scale, 0, 0, scale, -view.x * scale, 0);
  ctx.clearRect(view.x, 0, view.width, layout.height);
  const inView = (left: number, right: number) => right >= view.x && left <= view.x + view.width;
  const placed = layout.placed.filter((p) => inView(Math.min(p.fromX, p.x), p.x + BOX.w));
  const faint = (p: PlacedNode) => p.node.status === 'pruned' || p.node.status === 'dropped';

  // Edges first, the chosen path's last so no other edge crosses it.
  const byPath = [...placed].sort((a, b) => Number(a.onPath) - Number(b.onPath));
  for (const p of byPath) {
    const dim = faint(p) && !p.onPath;
    ctx.globalAlpha = dim ? 0.6 : 1;
    ctx.setLineDash(dim ? [3, 3] : []);
    ctx.strokeStyle = p.onPath ? palette.accent : palette.line;
    ctx.lineWidth = p.onPath ? 2.5 : 1;
    ctx.beginPath();
    ctx.moveTo(p.fromX, p.fromY);
    ctx.lineTo(p.x, p.y + BOX.h / 2);
    ctx.stroke();
  }

  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  ctx.textBaseline = 'alphabetic';
  if (inView(ROOT.x, ROOT.x + ROOT.w)) {
    box(ctx, ROOT.x, ROOT.y, ROOT.w, palette.box, palette.line, 1);
    ctx.fillStyle = palette.text;
    ctx.font = `12px ${palette.sans}`;
    ctx.textAlign = 'center';
    ctx.fillText('⟨sos⟩', ROOT.x + ROOT.w / 2, ROOT.y + 16);
  }
  for (const p of placed) {
    const { status } = p.node;
    ctx.globalAlpha = faint(p) ? 0.6 : 1;
    ctx.setLineDash(faint(p) ? [3, 3] : []);
    const stroke = p.onPath || status === 'finished' ? palette.accent : palette.line;
    const lineWidth = p.onPath ? 2.5 : status === 'finished' ? 2 : 1;
    box(ctx, p.x, p.y, BOX.w, p.onPath ? palette.accentSoft : palette.box, stroke, lineWidth);
  }
  // Labels in two passes, one font each: setting a canvas's font parses it.
  ctx.font = `12px ${palette.mono}`;
  ctx.textAlign = 'left';
  ctx.fillStyle = palette.text;
  for (const p of placed) {
    ctx.globalAlpha = faint(p) ? 0.6 : 1;
    ctx.fillText(labels.word(p.node.token), p.x + 4, p.y + 16);
  }
  ctx.font = `12px ${palette.sans}`;
  ctx.textAlign = 'right';
  ctx.fillStyle = palette.muted;
  for (const p of placed) {
    ctx.globalAlpha = faint(p) ? 0.6 : 1;
    ctx.fillText(labels.score(p.node.score), p.x + BOX.w - 4, p.y + 16);
  }
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
}

function box(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  fill: string,
  stroke: string,
  lineWidth: number,
): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, BOX.h, 4);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.strokeStyle = stroke;
  ctx.lineWidth = lineWidth;
  ctx.stroke();
}
