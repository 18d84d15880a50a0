import { describe, expect, it } from 'vitest';
import { StackedLayersState } from '~components/state/models/stacked-layers.svelte.ts';
import { expectAllClose, TOLERANCE } from '../../../engine/tolerance.ts';
import { stackedReference as reference } from './stacked-ref64.ts';

describe('StackedLayersState', () => {
  for (const m of ['post', 'pre'] as const) {
    it(`${m}-LN: Y¹, Y² and ‖∂Y¹ᵢ/∂Xⱼ‖ equal two float64 nn.TransformerEncoderLayer passes`, () => {
      const s = new StackedLayersState();
      s.setPlacement(m);
      const r = s.result;
      expect(r.error).toBe('');
      const ref = reference(m === 'pre');
      expectAllClose(r.Y1, ref.Y1, TOLERANCE.large, 'Y1');
      expectAllClose(r.Y2, ref.Y2, TOLERANCE.large, 'Y2');
      expectAllClose(r.reach, ref.reach, { rtol: 1e-3, atol: 1e-3 }, 'reach');
      expectAllClose(r.A1, ref.A1, TOLERANCE.large, 'A1');
      expectAllClose(r.A2, ref.A2, TOLERANCE.large, 'A2');
      expectAllClose(r.A2onX, ref.A2onX, TOLERANCE.large, 'A2 on X');
    });
  }

  it('every row of Y¹ moves with every token (no zero in ‖∂Y¹ᵢ/∂Xⱼ‖), and layer 2 weighs Y¹ otherwise than X', () => {
    const r = new StackedLayersState().result;
    for (const row of r.reach) for (const v of row) expect(v).toBeGreaterThan(0.01);
    const gap = Math.max(...r.A2.flat().map((a, k) => Math.abs(a - (r.A2onX.flat()[k] as number))));
    expect(gap).toBeGreaterThan(0.05);
  });

  it('pre-LN: each token moves its own row of Y¹ by more than 2, post-LN by less (the chapter’s what-to-try)', () => {
    const s = new StackedLayersState();
    const diagonal = () => s.result.reach.map((row, i) => row[i] as number);
    for (const v of diagonal()) expect(v).toBeLessThan(2);
    s.setPlacement('pre');
    for (const v of diagonal()) expect(v).toBeGreaterThan(2);
  });
});
