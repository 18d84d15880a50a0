/** A cell position in a matrix view, row first. */
export type Cell = readonly [row: number, col: number];

/**
 * Where a key moves the active cell of a rows×cols grid (the ARIA grid
 * pattern: arrows by one, Home/End to the row's ends, Ctrl+Home/End to the
 * corners, PageUp/PageDown to the column's ends); undefined for other keys.
 */
export function moveCell(key: string, at: Cell, rows: number, cols: number, ctrl = false): Cell | undefined {
  const [i, j] = at;
  const clamp = (r: number, c: number): Cell => [
    Math.max(0, Math.min(rows - 1, r)),
    Math.max(0, Math.min(cols - 1, c)),
  ];
  switch (key) {
    case 'ArrowUp':
      return clamp(i - 1, j);
    case 'ArrowDown':
      return clamp(i + 1, j);
    case 'ArrowLeft':
      return clamp(i, j - 1);
    case 'ArrowRight':
      return clamp(i, j + 1);
    case 'Home':
      return ctrl ? clamp(0, 0) : clamp(i, 0);
    case 'End':
      return ctrl ? clamp(rows - 1, cols - 1) : clamp(i, cols - 1);
    case 'PageUp':
      return clamp(0, j);
    case 'PageDown':
      return clamp(rows - 1, j);
    default:
      return undefined;
  }
}

/** Pixels of horizontal drag per step when scrubbing a cell. */
export const pxPerStep = 6;

/** The value after dragging `dx` pixels from `start`: whole steps, rounded so 0.1 + 0.2 shows as 0.3. */
export function scrubValue(start: number, dx: number, step: number): number {
  const steps = Math.trunc(dx / pxPerStep);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number((start + steps * step).toFixed(Math.min(decimals, 10)));
}

/** Magnitude from which a value is marked as overflowing in a cell (and shown in exponent form). */
export const overflowAt = 1e6;

/** True when a value overflowed the display range or is not finite at all. */
export function isOverflow(value: number): boolean {
  return !Number.isFinite(value) || Math.abs(value) >= overflowAt;
}
