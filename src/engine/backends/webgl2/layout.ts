import { type Shape, sizeOf } from '../../shape.ts';

/**
 * How a tensor sits in an RGBA32F texture ("row-packed"): the tensor is a
 * matrix of `rows` × `cols` (cols = last dimension, rows = everything before
 * it); each row takes ⌈cols/4⌉ consecutive texels holding 4 consecutive
 * columns each, and the lanes past the row's end are zero. Texel t lives at
 * (t mod width, ⌊t / width⌋). Rows never straddle a texel, so a kernel reads
 * four neighbours along the last axis with one fetch and never needs a
 * lane shuffle, whatever the length (1023 works like 1024).
 *
 * The texture is about square (width ⌈√texels⌉), not one long row: software
 * GL shades 2 × 2 quads and shares a draw among its threads by rows, so a
 * one-row target (every tensor of ≤ 2048 texels, when rows were filled to
 * 2048 first) leaves half of each quad idle and one thread doing the whole
 * pass. Attention's row statistics [256, 4] and its product with V were
 * such passes (measured on SwiftShader, n = 1024: multi-head attention's CPU
 * time 320 → 270–280 ms with the same work, in one run at load ~25).
 */
export interface Layout {
  readonly rows: number;
  readonly cols: number;
  /** Texels per row: ⌈cols / 4⌉. */
  readonly groups: number;
  readonly texels: number;
  readonly width: number;
  readonly height: number;
}

/** Widest texture we use; every WebGL2 device supports at least 2048. */
const maxWidth = 2048;

/** The row-packed layout of a tensor of this shape. */
export function layoutOf(shape: Shape): Layout {
  const cols = shape.length === 0 ? 1 : (shape[shape.length - 1] ?? 1);
  const rows = cols === 0 ? 0 : sizeOf(shape) / cols;
  const groups = Math.ceil(cols / 4);
  const texels = rows * groups;
  // A zero-size tensor still gets a 1×1 texture so a pass always has a target.
  const width = Math.max(1, Math.min(Math.ceil(Math.sqrt(texels)), maxWidth));
  const height = Math.max(1, Math.ceil(texels / width));
  return { rows, cols, groups, texels, width, height };
}

/** Row-major values → the padded texel data `texImage` expects. */
export function pack(values: Float32Array, layout: Layout): Float32Array {
  const out = new Float32Array(layout.width * layout.height * 4);
  const { rows, cols, groups } = layout;
  if (cols % 4 === 0) {
    out.set(values);
    return out;
  }
  for (let r = 0; r < rows; r++) out.set(values.subarray(r * cols, (r + 1) * cols), r * groups * 4);
  return out;
}

/** Padded texel data from `readPixels` → row-major values. */
export function unpack(texels: Float32Array, layout: Layout): Float32Array {
  const { rows, cols, groups } = layout;
  if (cols % 4 === 0) return texels.slice(0, rows * cols);
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) out.set(texels.subarray(r * groups * 4, r * groups * 4 + cols), r * cols);
  return out;
}
