import type { Tensor } from '~engine/tensor.ts';

/** A rank-2 tensor as plain rows (a rank-1 tensor becomes one row). */
export function rowsOf(t: Tensor): number[][] {
  const v = t.toArray();
  const cols = t.rank === 2 ? (t.shape[1] as number) : v.length;
  const rows = cols === 0 ? 0 : v.length / cols;
  return Array.from({ length: rows }, (_, i) => v.slice(i * cols, (i + 1) * cols));
}

/** An engine error as a sentence for the widget frame. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
