import { describe, expect, it } from 'vitest';
import {
  computeShape,
  defaultShapesSettings,
  defaultShapesWeights,
  type ShapesSettings,
} from '~components/state/models/rnn-shapes.compute.ts';
import { expectAllClose } from '../../../engine/tolerance.ts';

/** Independent float64 reference: h_t = tanh(W_ih x + b_ih + W_hh h + b_hh), y = W_y h + b_y. */
const W = {
  ih: [
    [0.8, -0.4],
    [0.3, 0.9],
  ],
  hh: [
    [0.5, -0.3],
    [0.2, 0.6],
  ],
  bih: [0, 0.1],
};
const D = {
  ih: [
    [0.7, 0.2],
    [-0.5, 0.8],
  ],
  hh: [
    [0.6, 0.1],
    [-0.2, 0.5],
  ],
  bih: [0.1, 0],
};
const R = [
  [1, -1],
  [0.5, 1],
];
const mv = (m: number[][], v: number[]) => m.map((row) => row.reduce((s, w, j) => s + w * (v[j] ?? 0), 0));
const step = (p: typeof W, x: number[], h: number[]) => {
  const a = mv(p.ih, x);
  const b = mv(p.hh, h);
  return a.map((v, i) => Math.tanh(v + (p.bih[i] ?? 0) + (b[i] ?? 0)));
};
const run = (p: typeof W, xs: number[][]) => {
  let h = [0, 0];
  return xs.map((x) => (h = step(p, x, h)));
};
const settings = (over: Partial<ShapesSettings>): ShapesSettings => ({ ...defaultShapesSettings, ...over });

describe('computeShape', () => {
  const xs = defaultShapesSettings.inputs;
  it('computeShape(N→N) gives one state and one output per input, matching a float64 RNN', () => {
    const { columns } = computeShape(settings({ shape: 'n-to-n' }), defaultShapesWeights());
    const hs = run(W, xs);
    expect(columns).toHaveLength(4);
    columns.forEach((c, k) => {
      expectAllClose(c.state.values, hs[k] as number[]);
      expectAllClose(c.output?.values ?? [], mv(R, hs[k] as number[]));
    });
  });
  it('computeShape(N→1) reads a single output from the last state', () => {
    const { columns } = computeShape(settings({ shape: 'n-to-1' }), defaultShapesWeights());
    expect(columns.filter((c) => c.output)).toHaveLength(1);
    expectAllClose(columns[3]?.output?.values ?? [], mv(R, run(W, xs)[3] as number[]));
  });
  it('computeShape(1→N) feeds zeros after step 1 with feed "first", and x every step with "every"', () => {
    const first = computeShape(settings({ shape: '1-to-n', feed: 'first', outputSteps: 3 }), defaultShapesWeights());
    const every = computeShape(settings({ shape: '1-to-n', feed: 'every', outputSteps: 3 }), defaultShapesWeights());
    const x = xs[0] as number[];
    expectAllClose(
      first.columns.flatMap((c) => c.state.values),
      run(W, [x, [0, 0], [0, 0]]).flat(),
    );
    expectAllClose(
      every.columns.flatMap((c) => c.state.values),
      run(W, [x, x, x]).flat(),
    );
    expect(first.columns[1]?.input?.muted).toBe(true);
    expect(every.columns[1]?.input?.muted).toBe(false);
  });
  it('computeShape(1→N) with feed "output" feeds x, then y_1, y_2 … back in, matching a float64 generator', () => {
    const r = computeShape(settings({ shape: '1-to-n', feed: 'output', outputSteps: 4 }), defaultShapesWeights());
    let h = [0, 0];
    let input = xs[0] as number[];
    r.columns.forEach((col, k) => {
      expectAllClose(col.input?.values ?? [], input);
      h = step(W, input, h);
      expectAllClose(col.state.values, h);
      const y = mv(R, h);
      expectAllClose(col.output?.values ?? [], y);
      expect(col.fedBack).toBe(k > 0);
      input = y;
    });
    expect(r.columns).toHaveLength(4);
  });
  it('computeShape(N→M) passes the encoder’s last state as c to the decoder, once or every step', () => {
    const c = run(W, xs)[3] as number[];
    for (const feed of ['first', 'every'] as const) {
      const r = computeShape(settings({ shape: 'n-to-m', feed, outputSteps: 3 }), defaultShapesWeights());
      expectAllClose(r.context?.values ?? [], c);
      const decoderInputs = feed === 'every' ? [c, c, c] : [c, [0, 0], [0, 0]];
      const s = run(D, decoderInputs);
      const dec = r.columns.filter((col) => col.section === 'decoder');
      expect(dec).toHaveLength(3);
      dec.forEach((col, k) => {
        expectAllClose(col.state.values, s[k] as number[]);
        expectAllClose(col.output?.values ?? [], mv(R, s[k] as number[]));
      });
    }
  });
});
