import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { formatNumber } from '~lib/ui/format.ts';
import ValuesTable from '~components/diagrams/ValuesTable.svelte';

const rows = (scale: number) => [
  { name: 'h_t', values: [0.5 * scale, -0.25 * scale], formula: true },
  { name: 'update gate', values: [0.125 * scale, 1 * scale] },
];
/** The body's cells as text, row by row (the row's name first). */
const shown = (root: HTMLElement) =>
  Array.from(root.querySelectorAll('tbody tr'), (tr) => Array.from(tr.children, (c) => c.textContent?.trim()));
const want = (scale: number) => rows(scale).map((r) => [r.name, ...r.values.map((v) => formatNumber(v, 3))]);

describe('ValuesTable', () => {
  it('builds no rows while closed; opened, shows the current rows and follows new ones', async () => {
    const screen = await render(ValuesTable, { caption: 'GRU cell at step t = 1', rows: rows(1) });
    const root = screen.container as HTMLElement;
    const details = root.querySelector('details') as HTMLDetailsElement;
    expect(root.querySelectorAll('table')).toHaveLength(0);
    await screen.rerender({ caption: 'GRU cell at step t = 1', rows: rows(2) });
    expect(root.querySelectorAll('table')).toHaveLength(0);
    (root.querySelector('summary') as HTMLElement).click();
    await expect.poll(() => details.open && shown(root)).toEqual(want(2));
    await screen.rerender({ caption: 'GRU cell at step t = 1', rows: rows(3) });
    await expect.poll(() => shown(root)).toEqual(want(3));
  });
});
