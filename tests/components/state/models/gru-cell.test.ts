import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, toBase64Url } from '~lib/url/state.ts';
import { gruPresets } from '~components/state/data/gated-presets.ts';
import { cellSymbols } from '~components/state/kit/symbols.ts';
import { GatedCellState } from '~components/state/models/gated-cell.svelte.ts';
import { GruState, gruFields } from '~components/state/models/gru-cell.svelte.ts';
import { gru64, mismatch, type Recurrent64, TOLERANCE } from '../../../reference/float64/index.ts';

const weightsOf = (s: GruState): Recurrent64 => ({
  W_ih: s.weights.get('W_ih').map((r) => [...r]),
  W_hh: s.weights.get('W_hh').map((r) => [...r]),
  b_ih: s.weights.get('b_ih').map((r) => r[0] ?? 0),
  b_hh: s.weights.get('b_hh').map((r) => r[0] ?? 0),
});

/** Every step's r, z, h̃, h and both candidates against the float64 reference. */
function expectMatchesReference(s: GruState) {
  const ref = gru64(weightsOf(s), s.inputs as number[][], s.variant);
  ref.forEach((want, k) => {
    const t = k + 1;
    const at = (sym: string) => GatedCellState.at(s.result, sym, t);
    const problems = [
      mismatch(at('r'), want.r, TOLERANCE.gated, `r_${t}`),
      mismatch(at('z'), want.z, TOLERANCE.gated, `z_${t}`),
      mismatch(at('h̃'), want.cand, TOLERANCE.gated, `h̃_${t}`),
      mismatch(at('h̃_cho'), want.cho, TOLERANCE.gated, `h̃cho_${t}`),
      mismatch(at('h̃_pytorch'), want.torch, TOLERANCE.gated, `h̃pt_${t}`),
      mismatch(at('h'), want.h, TOLERANCE.gated, `h_${t}`),
      mismatch(at('h_prev'), want.hPrev, TOLERANCE.gated, `h_prev_${t}`),
    ].filter(Boolean);
    expect(problems).toEqual([]);
  });
}

describe('GruState', () => {
  it('GruState.result matches a float64 GRU (Cho) on the default "mixed" preset', () => {
    const s = new GruState();
    expect(s.weights.preset).toBe('mixed');
    expect(s.result.steps).toHaveLength(6);
    expectMatchesReference(s);
  });
  it('setVariant("pytorch") drives h with PyTorch’s candidate and still computes Cho’s', () => {
    const s = new GruState();
    const cho = GatedCellState.at(s.result, 'h̃', 3);
    s.setVariant('pytorch');
    expectMatchesReference(s);
    expect(GatedCellState.at(s.result, 'h̃', 3)).not.toEqual(cho);
  });
  it('setBlock("W_hh", 1, 0, 1, v) sets W_hz[1,2], i.e. row H+0 of W_hh, and z follows', () => {
    const s = new GruState();
    s.setBlock('W_hh', 1, 0, 1, -2.5);
    expect(s.weights.get('W_hh')[2]?.[1]).toBe(-2.5);
    expect(s.weights.preset).toBe('');
    expectMatchesReference(s);
  });
  it('every preset matches the reference in both variants; "no-past" makes the candidates agree', () => {
    for (const p of gruPresets()) {
      for (const v of ['cho', 'pytorch'] as const) {
        const s = new GruState();
        s.weights.applyPreset(p.id);
        s.setVariant(v);
        expectMatchesReference(s);
        if (p.id === 'no-past') {
          for (let t = 1; t <= 6; t++) {
            const a = GatedCellState.at(s.result, 'h̃_cho', t);
            const b = GatedCellState.at(s.result, 'h̃_pytorch', t);
            for (const [k, x] of a.entries()) expect(Math.abs(x - (b[k] ?? Number.NaN))).toBeLessThan(1e-3);
          }
        }
      }
    }
  });
  it('setInput(t, j, v) reruns the sequence from the new input', () => {
    const s = new GruState();
    s.setInput(2, 0, -1.5);
    expect(s.inputs[2]?.[0]).toBe(-1.5);
    expectMatchesReference(s);
  });
  it('the stepper walks r, z, h̃, h of step 1 then of step 2', () => {
    const s = new GruState();
    expect(s.stepper.steps).toHaveLength(24);
    expect(s.stepper.steps.slice(0, 5).map((x) => x.id)).toEqual(['r_1', 'z_1', 'h̃_1', 'h_1', 'r_2']);
    s.stepper.goTo(6);
    expect([s.t, s.phase]).toEqual([2, 2]);
  });
  it('paramCount is 3× a plain cell of the same sizes: 3·(2·2 + 2·2 + 2 + 2) = 36', () => {
    const s = new GruState();
    expect(s.paramCount).toEqual({ total: 36, plain: 12, gates: 3 });
  });
  it('snapshot() round-trips through the URL encoding', () => {
    const s = new GruState();
    s.setVariant('pytorch');
    s.setBlock('W_ih', 1, 1, 0, 0.25);
    s.setInput(0, 1, 2);
    s.stepper.goTo(9);
    const code = encodeState(gruFields, s.snapshot());
    const back = new GruState();
    back.restore(decodeState(gruFields, code).state);
    expect(back.snapshot()).toEqual(s.snapshot());
    expect(back.result.steps).toEqual(s.result.steps);
  });
  it('a preset id in the URL restores that preset and its label', () => {
    const s = new GruState();
    s.weights.applyPreset('copy');
    const back = new GruState();
    back.restore(decodeState(gruFields, encodeState(gruFields, s.snapshot())).state);
    expect(back.weights.preset).toBe('copy');
    expect(back.weights.get('b_ih')).toEqual(s.weights.get('b_ih'));
  });
  it('a bad field in the URL falls back to its default with a message, keeping the others', () => {
    const code = toBase64Url(JSON.stringify({ v: 'keras', t: 5 }));
    const { state, messages } = decodeState(gruFields, code);
    expect(state.v).toBe('cho');
    expect(state.t).toBe(5);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('“v”');
  });
  it('reset() goes back to Cho, the mixed preset, its inputs and step 1', () => {
    const s = new GruState();
    s.setVariant('pytorch');
    s.weights.randomize(42);
    s.setInput(0, 0, 9);
    s.stepper.goTo(7);
    s.reset();
    const fresh = new GruState();
    expect(s.snapshot()).toEqual({ ...fresh.snapshot(), s: s.weights.seed });
  });
  it('weights.randomize(seed) is reproducible and the run still matches the reference', () => {
    const a = new GruState();
    const b = new GruState();
    a.weights.randomize(7);
    b.weights.randomize(7);
    expect(a.weights.values).toEqual(b.weights.values);
    expectMatchesReference(a);
  });
  it('a weight beyond float32 (1e300) is refused by the engine with its message; the last finite values stay', () => {
    const s = new GruState();
    const before = s.result.steps;
    s.setBlock('W_ih', 1, 0, 0, 1e300);
    expect(s.result.error).toMatch(/^The engine stopped: .*W_ih.* is Infinity/);
    expect(s.result.steps).toEqual(before);
    s.setBlock('W_ih', 1, 0, 0, -0.4);
    expect(s.result.error).toBeUndefined();
    expectMatchesReference(s);
  });
});

describe('the GRU formula symbols', () => {
  it('take their TeX from the symbol table, spelled as the formulas wrote them by hand', () => {
    const s = new GruState();
    const tex = Object.fromEntries(Object.entries(cellSymbols(s, 1)).map(([k, v]) => [k, v.tex]));
    const blocks = Object.fromEntries(
      ['r', 'z', 'n'].flatMap((k) =>
        ['W_i', 'W_h', 'b_i', 'b_h'].map((p) => [`${p}${k}`, `${p.slice(0, 2)}{${p[2]}${k}}`]),
      ),
    );
    expect(tex).toEqual({
      x_t: 'x_t',
      h_prev: 'h_{t-1}',
      r_t: 'r_t',
      z_t: 'z_t',
      h̃_t: '\\tilde h_t',
      h_t: 'h_t',
      ...blocks,
    });
    const one = cellSymbols(s, 1);
    expect(one.b_in?.value).toEqual(s.blockRows('b_ih', 2).map((r) => r[0]));
    expect(one.W_hz?.value).toEqual(s.blockRows('W_hh', 1));
    expect(one.h̃_t?.value).toEqual([...GatedCellState.at(s.result, 'h̃', 1)]);
  });
});
