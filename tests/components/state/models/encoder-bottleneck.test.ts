import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '~lib/url/state.ts';
import {
  BottleneckState,
  bottleneckFields,
  encoderInputs,
  encoderParams,
  measure,
} from '~components/state/models/encoder-bottleneck.svelte.ts';
import { gruRun64, mismatch, type Recurrent64 } from '../../../reference/float64/index.ts';

function params64(seed: number, bz: number): Recurrent64 {
  const p = encoderParams(seed, bz);
  return { W_ih: p.W_ih.toRows(), W_hh: p.W_hh.toRows(), b_ih: p.b_ih.toArray(), b_hh: p.b_hh.toArray() };
}

/** Δ_j in float64: final state with x_j + δ (every feature) minus the final state, Euclidean norm. */
function deltas64(p: Recurrent64, xs: number[][], n: number, d: number) {
  const H = p.W_hh[0]?.length ?? 0;
  const run = (ys: number[][]) => gruRun64(p, ys, H).at(-1) ?? [];
  const c = run(xs.slice(0, n));
  const delta = Array.from({ length: n }, (_, j) => {
    const moved = xs.slice(0, n).map((x, t) => (t === j ? x.map((v) => v + d) : x));
    const c2 = run(moved);
    return Math.sqrt(c2.reduce((s, v, k) => s + (v - (c[k] ?? 0)) ** 2, 0));
  });
  return { c, delta };
}

describe('measure(params, inputs, n, δ)', () => {
  it('gives c = h_n and Δ_j = ‖c′ − c‖ equal to a float64 GRU rerun for every j', () => {
    for (const [seed, bz, n] of [
      [3, 0, 12],
      [11, 2.5, 20],
      [3, -2, 5],
    ] as const) {
      const xs = encoderInputs(seed);
      const got = measure(encoderParams(seed, bz), xs, n, 0.5);
      const want = deltas64(params64(seed, bz), xs, n, 0.5);
      expect(mismatch(got.c, want.c)).toBe('');
      // Δ is a difference of nearby float32 states: absolute error near float32 rounding of c.
      expect(mismatch(got.delta, want.delta, { rtol: 1e-3, atol: 2e-6 })).toBe('');
    }
  });

  it('states holds h_1..h_n of the unchanged input, each equal to a float64 GRU step, the last one c', () => {
    const xs = encoderInputs(3);
    const got = measure(encoderParams(3, 0), xs, 12, 0.5);
    const want = gruRun64(params64(3, 0), xs.slice(0, 12), 6);
    expect(got.states).toHaveLength(12);
    for (const [t, h] of want.entries())
      expect(mismatch(got.states[t] ?? [], h, { rtol: 1e-4, atol: 1e-6 }), `h_${t + 1}`).toBe('');
    expect(got.states.at(-1)).toEqual(got.c);
  });

  it('with H = 16 the encoder matches a float64 GRU of 16 units, and x_1 of 32 inputs still fades to ~1e-7', () => {
    const xs = encoderInputs(3);
    const p = encoderParams(3, 0, 16);
    const got = measure(p, xs, 32, 0.5);
    const want = deltas64(
      { W_ih: p.W_ih.toRows(), W_hh: p.W_hh.toRows(), b_ih: p.b_ih.toArray(), b_hh: p.b_hh.toArray() },
      xs,
      32,
      0.5,
    );
    expect(got.c).toHaveLength(16);
    expect(mismatch(got.c, want.c)).toBe('');
    expect(mismatch(got.delta, want.delta, { rtol: 1e-3, atol: 2e-6 })).toBe('');
    expect(want.delta[0]).toBeLessThan(1e-5);
  });

  it('c has the same fixed size whatever the input length', () => {
    const xs = encoderInputs(3);
    const p = encoderParams(3, 0);
    expect(measure(p, xs, 2, 0.5).c).toHaveLength(6);
    expect(measure(p, xs, 32, 0.5).c).toHaveLength(6);
  });

  it('early positions move c less when the input is longer (default weights)', () => {
    const xs = encoderInputs(3);
    const p = encoderParams(3, 0);
    const short = measure(p, xs, 4, 0.5).delta[0] ?? 0;
    const long = measure(p, xs, 24, 0.5).delta[0] ?? 0;
    expect(long).toBeLessThan(short / 100);
  });

  it('a large update-gate bias slows the fading of x_1', () => {
    const xs = encoderInputs(3);
    const plain = measure(encoderParams(3, 0), xs, 24, 0.5).delta[0] ?? 0;
    const copying = measure(encoderParams(3, 4), xs, 24, 0.5).delta[0] ?? 0;
    expect(copying).toBeGreaterThan(plain * 10);
  });
});

describe('BottleneckState', () => {
  it('computes the current length and the overlay lengths 4, 8, 16, 32', () => {
    const s = new BottleneckState();
    expect(s.result.current.n).toBe(12);
    expect(s.result.current.delta).toHaveLength(12);
    expect(s.result.overlay.map((m) => m.n)).toEqual([4, 8, 16, 32]);
    expect(s.result.error).toBe('');
  });

  it('setLength clamps to 2..32 and a snapshot round-trips through the URL form', () => {
    const s = new BottleneckState();
    s.setLength(99);
    expect(s.n).toBe(32);
    s.setLength(1);
    expect(s.n).toBe(2);
    s.setBias(2);
    s.setDelta(0.1);
    s.setHidden(40);
    expect(s.hidden).toBe(32);
    s.setHidden(12);
    expect(s.result.current.c).toHaveLength(12);
    const back = decodeState(bottleneckFields, encodeState(bottleneckFields, s.snapshot()));
    expect(back.messages).toEqual([]);
    const t = new BottleneckState();
    t.restore(back.state);
    expect(t.snapshot()).toEqual(s.snapshot());
    t.reset();
    expect(t.snapshot()).toEqual({ n: 12, H: 6, bz: 0, d: 0.5, seed: 3 });
  });

  it('setBias and setDelta refuse non-finite values', () => {
    const s = new BottleneckState();
    s.setBias(Number.NaN);
    s.setDelta(Number.POSITIVE_INFINITY);
    expect(s.snapshot()).toEqual({ n: 12, H: 6, bz: 0, d: 0.5, seed: 3 });
  });
});
