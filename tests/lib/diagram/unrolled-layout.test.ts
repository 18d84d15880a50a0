import { describe, expect, it } from 'vitest';
import { type DiagramColumn, layoutUnrolled } from '~lib/diagram/unrolled-layout.ts';

const n = (label: string) => ({ label, symbol: label, values: [0, 1] });
const encoder = (k: number): DiagramColumn => ({ section: 'encoder', input: n(`x${k}`), state: n(`h${k}`) });
const decoder = (k: number): DiagramColumn => ({ section: 'decoder', state: n(`s${k}`), output: n(`y${k}`) });

describe('layoutUnrolled', () => {
  it('layoutUnrolled(columns) links consecutive states with recurrent arrows and inputs below states', () => {
    const { nodes, arrows } = layoutUnrolled([encoder(1), encoder(2), encoder(3)]);
    expect(arrows.filter((a) => a.kind === 'recurrent')).toHaveLength(2);
    expect(arrows.filter((a) => a.kind === 'input')).toHaveLength(3);
    const x1 = nodes.find((p) => p.label === 'x1');
    const h1 = nodes.find((p) => p.label === 'h1');
    expect(x1 && h1 && x1.y > h1.y).toBe(true);
  });
  it('layoutUnrolled(columns, c) routes the encoder through the context into the decoder', () => {
    const { nodes, arrows, width } = layoutUnrolled([encoder(1), encoder(2), decoder(1), decoder(2)], n('c'));
    const c = nodes.find((p) => p.kind === 'context');
    const h2 = nodes.find((p) => p.label === 'h2');
    const s1 = nodes.find((p) => p.label === 's1');
    expect(c && h2 && s1 && h2.x < c.x && c.x < s1.x).toBe(true);
    expect(arrows.filter((a) => a.kind === 'context')).toHaveLength(2);
    expect(arrows.filter((a) => a.kind === 'recurrent')).toHaveLength(2);
    expect(width).toBeGreaterThan((s1?.x ?? 0) + (s1?.width ?? 0));
  });
  it('layoutUnrolled(columns, c, "every") adds a context arrow into every later decoder step', () => {
    const first = layoutUnrolled([encoder(1), decoder(1), decoder(2), decoder(3)], n('c'), 'first');
    const every = layoutUnrolled([encoder(1), decoder(1), decoder(2), decoder(3)], n('c'), 'every');
    const count = (a: typeof first.arrows) => a.filter((x) => x.kind === 'context').length;
    expect(count(every.arrows) - count(first.arrows)).toBe(2);
  });
});
