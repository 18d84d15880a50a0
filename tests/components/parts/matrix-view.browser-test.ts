import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import MatrixView from '~components/parts/MatrixView.svelte';
// The site's fonts and box sizing: the widths below are the page's.
import '../../../src/styles/global.css';

/** The rendered table's width with `before`, then with `after` (once its first cell shows the new value). */
async function widths(
  props: Record<string, unknown>,
  before: number[][],
  after: number[][],
): Promise<[number, number]> {
  const base = { symbol: 'A', tex: 'A', label: 'weights', ...props };
  const screen = await render(MatrixView, { ...base, values: before });
  const table = screen.container.querySelector('table') as HTMLTableElement;
  const first = table.getBoundingClientRect().width;
  await screen.rerender({ ...base, values: after });
  await expect.poll(() => table.querySelector('td')?.getAttribute('data-value')).toBe(String(after[0]?.[0]));
  return [first, table.getBoundingClientRect().width];
}

describe('MatrixView', () => {
  it('keeps a fixed-range matrix as wide when a weight becomes small enough for exponent form (an edit moves nothing after it)', async () => {
    const [wide, small] = await widths(
      { scale: 1, digits: 4 },
      [[0.5, 0.25, 0.125, 0.125]],
      [[0.0000328, 0.25, 0.125, 0.125]],
    );
    expect(small, '3.280e−5 fits the cell 0.5000 had').toBeCloseTo(wide, 1);
  });

  it('lets a matrix of unbounded values grow to its numbers (their cells are not widened in advance)', async () => {
    const [narrow, small] = await widths({ digits: 4 }, [[0.5, 0.25, 0.125, 0.125]], [[0.0000328, 0.25, 0.125, 0.125]]);
    expect(small).toBeGreaterThan(narrow + 1);
  });
});
