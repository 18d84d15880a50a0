import { BOX, ROOT, type TreeLayout } from './beam-tree-layout.ts';

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

/**
 * Draws the tree into `canvas` at `scale` device pixels per CSS pixel. One canvas instead of an <svg> of boxes:
 * a width step in the lab replaces most of ~90 boxes, and Chromium laid out their ~180 <text> labels again on
 * every step, most of the step's frame on a 2-core machine (issue 16). The canvas only records drawing commands.
 */
export function drawBeamTree(
  canvas: HTMLCanvasElement,
  layout: TreeLayout,
  palette: TreePalette,
  labels: TreeLabels,
  scale: number,
): void {
  const width = Math.ceil(layout.width * scale);
  const height = Math.ceil(layout.height * scale);
  // Resizing clears the canvas and allocates its pixels again: only when the size changes.
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.clearRect(0, 0, layout.width, layout.height);
  ctx.textBaseline = 'alphabetic';

  // Edges first, the chosen path's last so no other edge crosses it.
  const byPath = [...layout.placed].sort((a, b) => Number(a.onPath) - Number(b.onPath));
  for (const p of byPath) {
    const faint = p.node.status === 'pruned' || p.node.status === 'dropped';
    ctx.globalAlpha = faint && !p.onPath ? 0.6 : 1;
    ctx.setLineDash(faint && !p.onPath ? [3, 3] : []);
    ctx.strokeStyle = p.onPath ? palette.accent : palette.line;
    ctx.lineWidth = p.onPath ? 2.5 : 1;
    ctx.beginPath();
    ctx.moveTo(p.fromX, p.fromY);
    ctx.lineTo(p.x, p.y + BOX.h / 2);
    ctx.stroke();
  }

  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  box(ctx, ROOT.x, ROOT.y, ROOT.w, palette.box, palette.line, 1);
  ctx.fillStyle = palette.text;
  ctx.font = `12px ${palette.sans}`;
  ctx.textAlign = 'center';
  ctx.fillText('⟨sos⟩', ROOT.x + ROOT.w / 2, ROOT.y + 16);

  for (const p of layout.placed) {
    const { status } = p.node;
    const faint = status === 'pruned' || status === 'dropped';
    ctx.globalAlpha = faint ? 0.6 : 1;
    ctx.setLineDash(faint ? [3, 3] : []);
    const stroke = p.onPath || status === 'finished' ? palette.accent : palette.line;
    const lineWidth = p.onPath ? 2.5 : status === 'finished' ? 2 : 1;
    box(ctx, p.x, p.y, BOX.w, p.onPath ? palette.accentSoft : palette.box, stroke, lineWidth);
    ctx.fillStyle = palette.text;
    ctx.font = `12px ${palette.mono}`;
    ctx.textAlign = 'left';
    ctx.fillText(labels.word(p.node.token), p.x + 4, p.y + 16);
    ctx.fillStyle = palette.muted;
    ctx.font = `12px ${palette.sans}`;
    ctx.textAlign = 'right';
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
