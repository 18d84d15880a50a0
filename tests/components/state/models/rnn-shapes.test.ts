import { describe, expect, it } from 'vitest';
import { evaluateScratch } from '~lib/scratch/math.ts';
import { decodeState, encodeState, toBase64Url } from '~lib/url/state.ts';
import { MAX_SHAPE_STEPS, ShapesModel, shapesFields, shapesScope } from '~components/state/models/rnn-shapes.svelte.ts';
import { expectAllClose } from '../../../engine/tolerance.ts';

/** Independent float64 reference: the default encoder/decoder weights, h_t = tanh(W_ih x + b_ih + W_hh h). */
const ENC = {
  ih: [
    [0.8, -0.4],
    [0.3, 0.9],
  ],
  hh: [
    [0.5, -0.3],
    [0.2, 0.6],
  ],
  b: [0, 0.1],
};
const DEC = {
  ih: [
    [0.7, 0.2],
    [-0.5, 0.8],
  ],
  hh: [
    [0.6, 0.1],
    [-0.2, 0.5],
  ],
  b: [0.1, 0],
};
const mv = (m: number[][], v: number[]) => m.map((row) => row.reduce((s, w, j) => s + w * (v[j] ?? 0), 0));
function run64(p: typeof ENC, xs: number[][]): number[][] {
  let h = [0, 0];
  return xs.map((x) => {
    const a = mv(p.ih, x);
    const b = mv(p.hh, h);
    h = a.map((v, i) => Math.tanh(v + (p.b[i] ?? 0) + (b[i] ?? 0)));
    return h;
  });
}

describe('ShapesModel', () => {
  it('new ShapesModel() shows N→N with every column revealed', () => {
    const m = new ShapesModel();
    expect(m.settings.shape).toBe('n-to-n');
    expect(m.result.columns).toHaveLength(4);
    expect(m.stepper.atEnd).toBe(true);
    expect(m.result.calls.length).toBeGreaterThan(0);
  });

  it('setShape(n-to-m) + setFeed(every) gives decoder states equal to a float64 decoder fed c at every step', () => {
    const m = new ShapesModel();
    m.setShape('n-to-m');
    m.setFeed('every');
    const c = run64(ENC, m.settings.inputs as number[][]).at(-1) as number[];
    const want = run64(DEC, [c, c, c]);
    const dec = m.result.columns.filter((col) => col.section === 'decoder');
    expect(dec).toHaveLength(3);
    dec.forEach((col, k) => {
      expectAllClose(col.state.values, want[k] as number[]);
    });
    expectAllClose(m.result.context?.values ?? [], c);
    expect(m.stepper.steps).toHaveLength(7);
    expect(m.stepper.atEnd).toBe(true);
  });

  it('setInput then setShape keeps the edit: the encoder half is the same in N→N and N→M', () => {
    const m = new ShapesModel();
    m.setInput(1, 0, -2);
    const nn = m.result.columns.map((c) => c.state.values);
    m.setShape('n-to-m');
    const enc = m.result.columns.filter((c) => c.section === 'encoder').map((c) => c.state.values);
    expect(enc).toEqual(nn);
    expectAllClose(enc[1] ?? [], run64(ENC, m.settings.inputs as number[][])[1] as number[]);
  });

  it('addInput, removeInput and setOutputSteps stay within 1..6 and the stepper follows the columns', () => {
    const m = new ShapesModel();
    for (let i = 0; i < 10; i++) m.addInput();
    expect(m.settings.inputs).toHaveLength(MAX_SHAPE_STEPS);
    for (let i = 0; i < 10; i++) m.removeInput();
    expect(m.settings.inputs).toHaveLength(1);
    m.setShape('1-to-n');
    m.setOutputSteps(99);
    expect(m.settings.outputSteps).toBe(MAX_SHAPE_STEPS);
    expect(m.stepper.steps).toHaveLength(MAX_SHAPE_STEPS);
    m.setOutputSteps(0);
    expect(m.settings.outputSteps).toBe(1);
  });

  it('a stepper moved back stays put when the shape changes; reset() reveals everything again', () => {
    const m = new ShapesModel();
    m.stepper.goTo(1);
    m.setShape('n-to-1');
    expect(m.stepper.index).toBe(1);
    m.reset();
    expect(m.stepper.atEnd).toBe(true);
    expect(m.settings.shape).toBe('n-to-n');
  });

  it('shapesScope names every node: x_1 … h_4, y_k and c, so tanh(W_ih x_1 + b_ih) can be checked against h_1', () => {
    const m = new ShapesModel();
    m.setShape('n-to-m');
    const scope = shapesScope(m);
    expect(Object.keys(scope)).toEqual(
      expect.arrayContaining(['W_ih', 'W_hh', 'b_ih', 'x_1', 'h_4', 's_1', 'y_3', 'c']),
    );
    expect(scope.W_ih).toEqual(ENC.ih.map((r) => r.map((v) => Math.fround(v))));
    const r = evaluateScratch('tanh(W_ih * x_1 + b_ih)', scope);
    expect(r.ok).toBe(true);
    if (r.ok) expectAllClose(r.value as number[], scope.h_1 as number[]);
  });

  it('snapshot() round-trips through the URL; a bad shape falls back alone', () => {
    const m = new ShapesModel();
    m.setShape('1-to-n');
    m.setFeed('every');
    m.setInput(0, 1, 0.25);
    m.stepper.goTo(1);
    const n = new ShapesModel();
    n.restore(decodeState(shapesFields, encodeState(shapesFields, m.snapshot())).state);
    expect(n.snapshot()).toEqual(m.snapshot());
    expect(n.stepper.index).toBe(1);
    const bad = decodeState(shapesFields, toBase64Url(JSON.stringify({ s: 'n-to-7', f: 'every' })));
    expect(bad.messages).toHaveLength(1);
    expect(bad.state.s).toBe('n-to-n');
    expect(bad.state.f).toBe('every');
  });
});
