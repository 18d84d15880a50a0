import { describe, expect, it } from 'vitest';
import {
  bahdanauStep,
  dispatch,
  gruCell,
  lstmCell,
  multiHeadAttention,
  selfAttention,
  type Tensor,
  tensor,
} from '~engine/index.ts';
import { decodeState, toBase64Url } from '~lib/url/state.ts';
import { PerfState, perfFields } from '~components/state/models/performance-results.svelte.ts';
import {
  attentionInputs,
  bahdanauInputs,
  bahdanauStepRef,
  gruStepRef,
  lstmStepRef,
  maxError,
  multiHeadRef,
  recurrentInputs,
  selfAttentionRef,
} from '../../bench/pages/data.ts';
import { expectAllClose } from '../engine/tolerance.ts';

dispatch.force = 'cpu';
type M = { rows: number; cols: number; data: Float32Array };
const t = (m: M): Tensor =>
  m.rows === 1
    ? tensor(Array.from(m.data))
    : tensor(Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols))));

/**
 * The benchmark's float64 references (bench/pages/data.ts, plain loops) and
 * the engine's float32 CPU models must agree: each checks the other, so a
 * max-error column near 1e-7 in the results means both are right.
 */
describe('bench float64 references', () => {
  it('lstmStepRef and gruStepRef match lstmCell and gruCell (pytorch) at H = 16', () => {
    for (const kind of ['lstm', 'gru'] as const) {
      const p = recurrentInputs(kind, 16);
      const params = { W_ih: t(p.W_ih), W_hh: t(p.W_hh), b_ih: t(p.b_ih), b_hh: t(p.b_hh) };
      if (kind === 'lstm') {
        const got = lstmCell(params).step(t(p.x), { h: t(p.h), c: t(p.c) });
        const ref = lstmStepRef(p, p.x.data, p.h.data, p.c.data);
        expectAllClose(got.h.values(), ref.h);
        expectAllClose(got.c?.values() ?? [], ref.c);
      } else {
        expectAllClose(
          gruCell(params, 'pytorch')
            .step(t(p.x), { h: t(p.h) })
            .h.values(),
          gruStepRef(p, p.x.data, p.h.data).h,
        );
      }
    }
  });

  it('bahdanauStepRef matches bahdanauStep with a pytorch GRU at n = 8', () => {
    const p = bahdanauInputs(8);
    const dec = {
      attention: { W_a: t(p.W_a), U_a: t(p.U_a), v_a: t(p.v_a) },
      cell: gruCell({ W_ih: t(p.W_ih), W_hh: t(p.W_hh), b_ih: t(p.b_ih), b_hh: t(p.b_hh) }, 'pytorch'),
      readout: { W: t(p.W_y), b: t(p.b_y) },
    };
    const got = bahdanauStep(dec, t(p.s), t(p.y), t(p.Hs));
    const ref = bahdanauStepRef(p, p.s.data, p.y.data);
    expectAllClose(got.y.values(), ref.y);
    expectAllClose(got.s.values(), ref.s);
    expectAllClose(got.read.alpha.values(), ref.alpha);
  });

  it('selfAttentionRef and multiHeadRef match the engine at n = 8, d = 64', () => {
    const p = attentionInputs(8);
    expectAllClose(
      selfAttention({ W_q: t(p.W_q), W_k: t(p.W_k), W_v: t(p.W_v) }, t(p.X)).values(),
      selfAttentionRef(p, p.X.data),
    );
    const mh = { heads: 4, W_in: t(p.W_in), b_in: t(p.b_in), W_O: t(p.W_O), b_O: t(p.b_O) };
    expectAllClose(multiHeadAttention(mh, t(p.X)).values(), multiHeadRef(p, p.X.data));
  });

  it('maxError scales by max(1, |ref|), and a NaN or a length mismatch is an infinite error', () => {
    expect(maxError([1.5, 100.5], [1, 100])).toBeCloseTo(0.5, 12);
    expect(maxError([Number.NaN], [1])).toBe(Number.POSITIVE_INFINITY);
    expect(maxError([1, 2], [1])).toBe(Number.POSITIVE_INFINITY);
  });

  it('inputs are seeded: the same workload draws the same numbers', () => {
    expect(Array.from(recurrentInputs('lstm', 16).W_ih.data)).toEqual(
      Array.from(recurrentInputs('lstm', 16).W_ih.data),
    );
  });
});

describe('PerfState', () => {
  it('restore and snapshot round-trip the chosen view', () => {
    const s = new PerfState();
    expect(s.snapshot()).toEqual({ view: 'engine' });
    s.restore({ view: 'latency' });
    expect(s.view).toBe('latency');
    expect(s.snapshot()).toEqual({ view: 'latency' });
  });

  it('an unknown view in the link falls back to the default with a message', () => {
    const decoded = decodeState(perfFields, toBase64Url(JSON.stringify({ view: 'gpu' })));
    expect(decoded.state.view).toBe('engine');
    expect(decoded.messages.length).toBe(1);
  });
});
