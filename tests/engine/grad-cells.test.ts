import { it } from 'vitest';
import { valueAndGrad } from '~engine/autodiff/index.ts';
import * as E from '~engine/index.ts';
import type { Tensor } from '~engine/tensor.ts';
import { additiveScores } from '~engine/train/additive-scores.ts';
import { gruCombine } from '~engine/train/gru-combine.ts';
import { eachBackend } from './each-backend.ts';
import {
  addN,
  cols,
  concatN,
  expectGradClose,
  finiteDiff,
  map,
  matmulN,
  mulN,
  type Nd,
  rand,
  seeded,
  sig,
  sliceN,
  softmaxN,
  toTensor,
} from './grad-reference.ts';

/*
 * Gradients of the fused ops and of whole cells unrolled over 3 steps (batch
 * 2) against float64 central differences of a float64 re-implementation.
 * Tolerance |got − ref| ≤ 1e-4 + 1e-3·|ref|: a cell chains ~20 float32 ops
 * forward and ~40 backward, each rounding at ~6e-8 relative, and the
 * gradients of 3 steps add up.
 */
const TOL = { rtol: 1e-3, atol: 1e-4 };
/**
 * One fused op rounds each output once (inputs and gradients to float32, ~6e-8 relative), so its check can be
 * 10× tighter than TOL: tight enough that a kernel off by 0.1 % fails (TOL alone let such a bias gradient pass).
 */
const ONE_OP_TOL = { rtol: 1e-4, atol: 1e-6 };
const oneMinus = (a: Nd) => map(a, (v) => 1 - v);
const lin = (x: Nd, W: Nd, b: Nd) => addN(matmulN(x, W, false, true), b);

function lstmGatesN([x, h, Wih, Whh, bih, bhh]: Nd[]): Nd {
  const pre = addN(lin(x as Nd, Wih as Nd, bih as Nd), lin(h as Nd, Whh as Nd, bhh as Nd));
  const H = (pre.shape[1] as number) / 4;
  return {
    shape: pre.shape,
    data: pre.data.map((v, k) => (Math.floor((k % (4 * H)) / H) === 2 ? Math.tanh(v) : sig(v))),
  };
}

function weightsN(Q: Nd, K: Nd, scale: number, causal: boolean, mask?: Nd): Nd {
  let S = map(matmulN(Q, K, false, true), (v) => v * scale);
  if (mask !== undefined) S = addN(S, mask);
  const m = K.shape[0] as number;
  if (causal) S = { shape: S.shape, data: S.data.map((v, k) => (k % m > Math.floor(k / m) ? -Infinity : v)) };
  return softmaxN(S, -1);
}

function gruStepN(x: Nd, h: Nd, [Wih, Whh, bih, bhh]: Nd[], variant: E.GruVariant): Nd {
  const H = h.shape[1] as number;
  const gi = lin(x, Wih as Nd, bih as Nd);
  const block = (a: Nd, k: number) => cols(a, k * H, H);
  if (variant === 'pytorch') {
    const gh = lin(h, Whh as Nd, bhh as Nd);
    const r = map(addN(block(gi, 0), block(gh, 0)), sig);
    const z = map(addN(block(gi, 1), block(gh, 1)), sig);
    const n = map(addN(block(gi, 2), mulN(r, block(gh, 2))), Math.tanh);
    return addN(mulN(z, h), mulN(oneMinus(z), n));
  }
  const rows = (a: Nd, k: number) => sliceN(a, [k * H, 0], [H, a.shape[1] as number]);
  const part = (k: number) => ({ W: rows(Whh as Nd, k), b: sliceN(bhh as Nd, [k * H], [H]) });
  const r = map(addN(block(gi, 0), lin(h, part(0).W, part(0).b)), sig);
  const z = map(addN(block(gi, 1), lin(h, part(1).W, part(1).b)), sig);
  const n = map(addN(block(gi, 2), lin(mulN(r, h), part(2).W, part(2).b)), Math.tanh);
  return addN(mulN(z, h), mulN(oneMinus(z), n));
}

/** Differentiates Σ engine(params) ∘ R and compares every param's gradient with the float64 reference. */
function check(
  names: string[],
  values: Nd[],
  engine: (p: Record<string, Tensor>) => Tensor,
  ref: (xs: Nd[]) => Nd,
  tol = TOL,
): void {
  const R = rand(ref(values).shape, seeded(7));
  const params = Object.fromEntries(names.map((n, i) => [n, toTensor(values[i] as Nd)]));
  const { grads } = valueAndGrad((p) => E.sum(E.mul(engine(p), toTensor(R))), params);
  finiteDiff(ref, values, R).forEach((g, i) => {
    const name = names[i] as string;
    expectGradClose(grads[name] as Tensor, g, tol, `∂${name}`);
  });
}

const rng = seeded(3);
const B = 2;
const I = 3;
const H = 4;
const T = 3;
const xsN = Array.from({ length: T }, () => rand([B, I], rng));
const recurrent = (k: number, inputs = I) => [
  rand([k * H, inputs], rng, 0.6),
  rand([k * H, H], rng, 0.6),
  rand([k * H], rng, 0.3),
  rand([k * H], rng, 0.3),
];
const recNames = ['W_ih', 'W_hh', 'b_ih', 'b_hh'];
const xNames = xsN.map((_, t) => `x${t + 1}`);
const params = (p: Record<string, Tensor>) => ({
  W_ih: p.W_ih as Tensor,
  W_hh: p.W_hh as Tensor,
  b_ih: p.b_ih as Tensor,
  b_hh: p.b_hh as Tensor,
});
const xsOf = (p: Record<string, Tensor>) => xNames.map((n) => p[n] as Tensor);

eachBackend('valueAndGrad through fused ops and cells', (backend) => {
  it('∂ lstmGates(x, h, W_ih, W_hh, b_ih, b_hh) matches float64 central differences for all six inputs', () => {
    const vals = [rand([B, I], rng), rand([B, H], rng), ...recurrent(4)];
    const names = ['x', 'h', ...recNames];
    check(
      names,
      vals,
      (p) =>
        E.lstmGates(
          p.x as Tensor,
          p.h as Tensor,
          p.W_ih as Tensor,
          p.W_hh as Tensor,
          p.b_ih as Tensor,
          p.b_hh as Tensor,
        ),
      lstmGatesN,
    );
  });

  // A CPU kernel only, as in fused.test.ts.
  it.runIf(backend === 'cpu')(
    '∂ gruCombine(xw, hw, h, b_ih, b_hh) matches float64 central differences for all five inputs',
    () => {
      const ref = ([xw, hw, h, bi, bh]: Nd[]) => {
        const gi = addN(xw as Nd, bi as Nd);
        const gh = addN(hw as Nd, bh as Nd);
        const block = (a: Nd, k: number) => cols(a, k * H, H);
        const r = map(addN(block(gi as Nd, 0), block(gh as Nd, 0)), sig);
        const z = map(addN(block(gi as Nd, 1), block(gh as Nd, 1)), sig);
        const n = map(addN(block(gi as Nd, 2), mulN(r, block(gh as Nd, 2))), Math.tanh);
        return addN(mulN(z, h as Nd), mulN(oneMinus(z), n));
      };
      const biases = [rand([3 * H], rng, 0.3), rand([3 * H], rng, 0.3)];
      const vals = [rand([B, 3 * H], rng, 2), rand([B, 3 * H], rng, 2), rand([B, H], rng), ...biases];
      check(
        ['xw', 'hw', 'h', 'b_ih', 'b_hh'],
        vals,
        (p) => gruCombine(p.xw as Tensor, p.hw as Tensor, p.h as Tensor, p.b_ih as Tensor, p.b_hh as Tensor),
        ref,
        ONE_OP_TOL,
      );
    },
  );

  // A CPU kernel only, as gruCombine.
  it.runIf(backend === 'cpu')(
    '∂ additiveScores(keys, q, v) matches float64 central differences for all three inputs',
    () => {
      const [Bs, n, A] = [2, 3, 4];
      const ref = ([k, q, v]: Nd[]): Nd => {
        const e = new Float64Array(Bs * n);
        for (let bj = 0; bj < Bs * n; bj++) {
          const b = Math.floor(bj / n);
          for (let a = 0; a < A; a++) {
            const pre = (k as Nd).data[bj * A + a] as number;
            e[bj] =
              (e[bj] as number) +
              ((v as Nd).data[a] as number) * Math.tanh(pre + ((q as Nd).data[b * A + a] as number));
          }
        }
        return { shape: [Bs, n], data: e };
      };
      const vals = [rand([Bs, n, A], rng, 1.5), rand([Bs, A], rng, 1.5), rand([1, A], rng)];
      check(
        ['keys', 'q', 'v'],
        vals,
        (p) => additiveScores(p.keys as Tensor, p.q as Tensor, p.v as Tensor),
        ref,
        ONE_OP_TOL,
      );
    },
  );

  it('∂ attentionWeights(Q, K, causal, mask) matches float64 central differences', () => {
    const vals = [rand([3, 2], rng), rand([3, 2], rng), rand([3, 3], rng)];
    check(
      ['Q', 'K', 'mask'],
      vals,
      (p) => E.attentionWeights(p.Q as Tensor, p.K as Tensor, { causal: true, mask: p.mask as Tensor }),
      ([Q, K, M]) => weightsN(Q as Nd, K as Nd, 1 / Math.sqrt(2), true, M),
    );
  });

  it('∂ attention(Q, K, V, scale 0.7) matches float64 central differences', () => {
    const vals = [rand([2, 3], rng), rand([4, 3], rng), rand([4, 2], rng)];
    check(
      ['Q', 'K', 'V'],
      vals,
      (p) => E.attention(p.Q as Tensor, p.K as Tensor, p.V as Tensor, { scale: 0.7 }),
      ([Q, K, V]) => matmulN(weightsN(Q as Nd, K as Nd, 0.7, false), V as Nd),
    );
  });

  it('∂ of an Elman RNN run over 3 steps matches float64 central differences', () => {
    const ref = (v: Nd[]) => {
      let h = rand([B, H], seeded(0), 0);
      for (let t = 0; t < T; t++)
        h = map(addN(lin(v[4 + t] as Nd, v[0] as Nd, v[2] as Nd), lin(h, v[1] as Nd, v[3] as Nd)), Math.tanh);
      return h;
    };
    check(
      [...recNames, ...xNames],
      [...recurrent(1), ...xsN],
      (p) => E.runSequence(E.rnnCell(params(p)), xsOf(p)).final.h,
      ref,
    );
  });

  for (const variant of ['cho', 'pytorch'] as const) {
    it(`∂ of a GRU ('${variant}') run over 3 steps matches float64 central differences`, () => {
      const ref = (v: Nd[]) => {
        let h = rand([B, H], seeded(0), 0);
        for (let t = 0; t < T; t++) h = gruStepN(v[4 + t] as Nd, h, v, variant);
        return h;
      };
      check(
        [...recNames, ...xNames],
        [...recurrent(3), ...xsN],
        (p) => E.runSequence(E.gruCell(params(p), variant), xsOf(p)).final.h,
        ref,
      );
    });
  }

  it('∂ of an LSTM run over 3 steps (h and c) matches float64 central differences', () => {
    const ref = (v: Nd[]) => {
      let h = rand([B, H], seeded(0), 0);
      let c = h;
      for (let t = 0; t < T; t++) {
        const g = lstmGatesN([v[4 + t] as Nd, h, ...v.slice(0, 4)]);
        const [i, f, gg, o] = [0, 1, 2, 3].map((k) => cols(g, k * H, H)) as [Nd, Nd, Nd, Nd];
        c = addN(mulN(f, c), mulN(i, gg));
        h = mulN(o, map(c, Math.tanh));
      }
      return concatN([h, c], 1);
    };
    check(
      [...recNames, ...xNames],
      [...recurrent(4), ...xsN],
      (p) => {
        const final = E.runSequence(E.lstmCell(params(p)), xsOf(p)).final;
        return E.concat([final.h, final.c as Tensor], 1);
      },
      ref,
    );
  });

  it('∂ of one Bahdanau decoder step (alignment, GRU, readout) matches float64 central differences', () => {
    const m = 4;
    const D = 2 * H;
    const A = 3;
    const Y = 2;
    const vals = [
      rand([A, H], rng),
      rand([A, D], rng),
      rand([A], rng),
      rand([m, D], rng),
      rand([H], rng),
      rand([Y], rng),
      ...recurrent(3, Y + D),
      rand([Y, H], rng),
      rand([Y], rng),
    ];
    const names = ['W_a', 'U_a', 'v_a', 'H', 's', 'y', ...recNames, 'W_y', 'b_y'];
    const ref = ([Wa, Ua, va, Hs, s, y, Wih, Whh, bih, bhh, Wy, by]: Nd[]) => {
      const sRow = { shape: [1, H], data: (s as Nd).data };
      const e = matmulN(
        map(addN(matmulN(Hs as Nd, Ua as Nd, false, true), matmulN(sRow, Wa as Nd, false, true)), Math.tanh),
        {
          shape: [A, 1],
          data: (va as Nd).data,
        },
      );
      const alpha = softmaxN({ shape: [1, m], data: e.data }, -1);
      const c = matmulN(alpha, Hs as Nd);
      const sNew = gruStepN(
        concatN([{ shape: [1, Y], data: (y as Nd).data }, c], 1),
        sRow,
        [Wih as Nd, Whh as Nd, bih as Nd, bhh as Nd],
        'cho',
      );
      return concatN([lin(sNew, Wy as Nd, by as Nd), sNew, alpha], 1);
    };
    check(
      names,
      vals,
      (p) => {
        const dec = {
          attention: { W_a: p.W_a as Tensor, U_a: p.U_a as Tensor, v_a: p.v_a as Tensor },
          cell: E.gruCell(params(p)),
          readout: { W: p.W_y as Tensor, b: p.b_y as Tensor },
        };
        const out = E.bahdanauStep(dec, p.s as Tensor, p.y as Tensor, p.H as Tensor);
        return E.reshape(E.concat([out.y, out.s, out.read.alpha], 0), [1, -1]);
      },
      ref,
    );
  });

  for (const traced of [false, true]) {
    it(`∂ of selfAttention (${traced ? 'traced: matmul + attentionWeights' : 'fused attention'}, causal) matches float64 central differences`, () => {
      const vals = [rand([3, 4], rng), rand([2, 4], rng), rand([2, 4], rng), rand([3, 4], rng)];
      const ref = ([X, Wq, Wk, Wv]: Nd[]) => {
        const [Q, K, V] = [Wq as Nd, Wk as Nd, Wv as Nd].map((W) => matmulN(X as Nd, W, false, true)) as [Nd, Nd, Nd];
        return matmulN(weightsN(Q, K, 1 / Math.sqrt(2), true), V);
      };
      check(
        ['X', 'W_q', 'W_k', 'W_v'],
        vals,
        (p) => {
          const trace = traced ? new E.Trace() : undefined;
          return E.selfAttention({ W_q: p.W_q as Tensor, W_k: p.W_k as Tensor, W_v: p.W_v as Tensor }, p.X as Tensor, {
            causal: true,
            trace,
          });
        },
        ref,
      );
    });
  }
});
