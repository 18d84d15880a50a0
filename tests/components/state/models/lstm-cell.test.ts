import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, toBase64Url } from '~lib/url/state.ts';
import { cellSymbols } from '~components/state/kit/symbols.ts';
import { countParams, GatedCellState } from '~components/state/models/gated-cell.svelte.ts';
import { LstmState, lstmFields } from '~components/state/models/lstm-cell.svelte.ts';
import { lstm64, mismatch, TOLERANCE } from '../../../reference/float64/index.ts';

function expectMatchesReference(s: LstmState) {
  const w = {
    W_ih: s.weights.get('W_ih').map((r) => [...r]),
    W_hh: s.weights.get('W_hh').map((r) => [...r]),
    b_ih: s.weights.get('b_ih').map((r) => r[0] ?? 0),
    b_hh: s.weights.get('b_hh').map((r) => r[0] ?? 0),
  };
  lstm64(w, s.inputs as number[][]).forEach((want, k) => {
    const t = k + 1;
    const at = (sym: string) => GatedCellState.at(s.result, sym, t);
    const pairs: [string, number[]][] = [
      ['zi', want.zi],
      ['zf', want.zf],
      ['zg', want.zg],
      ['zo', want.zo],
      ['i', want.i],
      ['f', want.f],
      ['g', want.g],
      ['o', want.o],
      ['c', want.c],
      ['tanh_c', want.c.map(Math.tanh)],
      ['h', want.h],
    ];
    expect(pairs.map(([sym, ref]) => mismatch(at(sym), ref, TOLERANCE.gated, `${sym}_${t}`)).filter(Boolean)).toEqual(
      [],
    );
  });
}
const cells = (s: LstmState) => s.result.steps.map((r) => r.c?.[0] ?? Number.NaN);
const states = (s: LstmState) => s.result.steps.map((r) => r.h?.[0] ?? Number.NaN);

describe('LstmState', () => {
  it('LstmState starts on "write once, read later" and matches a float64 LSTM', () => {
    const s = new LstmState();
    expect(s.weights.preset).toBe('write-read');
    expectMatchesReference(s);
    const h = states(s);
    for (const v of h.slice(0, -1)) expect(Math.abs(v)).toBeLessThan(0.01);
    expect(h.at(-1)).toBeGreaterThan(0.65);
  });
  it('applyPreset("remember") keeps c from step 1 to the last step', () => {
    const s = new LstmState();
    s.weights.applyPreset('remember');
    s.usePresetInputs();
    expectMatchesReference(s);
    const c = cells(s);
    expect(c[0]).toBeGreaterThan(0.85);
    expect(Math.abs((c.at(-1) ?? 0) - (c[0] ?? 0))).toBeLessThan(0.01);
  });
  it('applyPreset("forget") drops c to 0 right after the write', () => {
    const s = new LstmState();
    s.weights.applyPreset('forget');
    expectMatchesReference(s);
    const c = cells(s);
    expect(c[0]).toBeGreaterThan(0.85);
    for (const v of c.slice(1)) expect(Math.abs(v)).toBeLessThan(0.01);
  });
  it('setBlock("W_ih", 1, 0, 0, v) edits row f of W_ih and the gates follow', () => {
    const s = new LstmState();
    s.setBlock('W_ih', 1, 0, 0, -3);
    expect(s.weights.get('W_ih')[1]?.[0]).toBe(-3);
    expectMatchesReference(s);
  });
  it('paramCount counts 4·(2 + 1 + 1 + 1) = 20 entries, 4× a plain unit’s 5', () => {
    expect(new LstmState().paramCount).toEqual({ total: 20, plain: 5, gates: 4 });
    expect(countParams([[[1, 2, 3]], [[1]]], 1)).toEqual({ total: 4, plain: 4, gates: 1 });
  });
  it('the stepper walks i, f, g, o, c, h for each of the six steps', () => {
    const s = new LstmState();
    expect(s.stepper.steps).toHaveLength(36);
    expect(s.stepper.steps.slice(4, 7).map((x) => x.id)).toEqual(['c_1', 'h_1', 'i_2']);
  });
  it('snapshot() round-trips through the URL encoding, and the default state encodes to nothing', () => {
    const s = new LstmState();
    expect(encodeState(lstmFields, s.snapshot())).toBe('');
    s.setBlock('b_ih', 1, 0, 0, 2);
    s.setInput(3, 0, 0.7);
    s.stepper.goTo(20);
    const back = new LstmState();
    back.restore(decodeState(lstmFields, encodeState(lstmFields, s.snapshot())).state);
    expect(back.snapshot()).toEqual(s.snapshot());
    expect(back.result.steps).toEqual(s.result.steps);
  });
  it('a wrong-shaped matrix in the URL falls back to its default, keeping the step', () => {
    const { state, messages } = decodeState(lstmFields, toBase64Url(JSON.stringify({ Wi: [[1]], t: 4 })));
    expect(state.Wi).toEqual(lstmFields.Wi.fallback());
    expect(state.t).toBe(4);
    expect(messages).toHaveLength(1);
  });
  it('usePresetInputs() restores the preset’s sequence after edited inputs', () => {
    const s = new LstmState();
    s.setInput(0, 0, 0);
    s.weights.applyPreset('remember');
    s.usePresetInputs();
    expect(s.inputs[0]).toEqual([1, 0]);
  });
});

describe('the LSTM formula symbols', () => {
  it('take their TeX from the symbol table, spelled as the formulas wrote them by hand', () => {
    const s = new LstmState();
    const tex = Object.fromEntries(Object.entries(cellSymbols(s, 2)).map(([k, v]) => [k, v.tex]));
    const blocks = Object.fromEntries(
      ['i', 'f', 'g', 'o'].flatMap((k) => [
        [`${k}_t`, `${k}_t`],
        ...['W_i', 'W_h', 'b_i', 'b_h'].map((p) => [`${p}${k}`, `${p.slice(0, 2)}{${p[2]}${k}}`]),
      ]),
    );
    expect(tex).toEqual({ x_t: 'x_t', h_prev: 'h_{t-1}', c_prev: 'c_{t-1}', c_t: 'c_t', h_t: 'h_t', ...blocks });
    const two = cellSymbols(s, 2);
    expect(two.c_prev?.value).toEqual([...GatedCellState.at(s.result, 'c_prev', 2)]);
    expect(two.b_hg?.value).toEqual(s.blockRows('b_hh', 2).map((r) => r[0]));
  });
});
