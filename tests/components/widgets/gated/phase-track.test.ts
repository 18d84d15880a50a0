import { describe, expect, it } from 'vitest';
import { SYMBOLS, unitTex } from '~components/state/kit/symbols.ts';
import { gruPhases } from '~components/state/models/gru-cell.svelte.ts';
import { lstmPhases } from '~components/state/models/lstm-cell.svelte.ts';

describe("a gated cell's phases carry their symbol-table key (PhaseTrack spells a step's TeX from it)", () => {
  it('each key is the entry of its trace symbol, and unitTex(key, t) is the phase’s TeX at step t', () => {
    for (const p of [...gruPhases, ...lstmPhases]) {
      expect(SYMBOLS[p.key].symbol).toBe(p.symbol);
      expect(unitTex(p.key, 3)).toBe(p.tex.replace(/_t$/, '_{3}'));
    }
    expect(gruPhases.map((p) => unitTex(p.key, 12))).toEqual(['r_{12}', 'z_{12}', '\\tilde h_{12}', 'h_{12}']);
  });
});
