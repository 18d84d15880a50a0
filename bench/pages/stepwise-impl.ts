/** The workloads on Stepwise's engine, CPU or WebGL2 (dispatch.force pins every op to one backend). */
import {
  bahdanauStep,
  type CellState,
  dispatch,
  gruCell,
  initOptimizer,
  initSeq2Seq,
  lstmCell,
  mulberry32,
  multiHeadAttention,
  reverseTask,
  runSequence,
  sampleBatch,
  selfAttention,
  type Tensor,
  Trace,
  tensor,
  trainStep,
} from '../../src/engine/index.ts';
// Training's CPU kernels, as the lab's worker registers them (the training race; untraced PyTorch GRU steps and
// CPU matmuls of the other workloads take them too, as they did when the barrel registered them).
import '../../src/engine/train/fast-kernels.ts';
import { attentionInputs, bahdanauInputs, CHAIN, type Mat, recurrentInputs, type Spec, uniform } from './data.ts';
import type { Impl, Runner } from './impl.ts';

const t = (m: Mat): Tensor => tensor(m.rows === 1 ? Array.from(m.data) : rows(m));
const rows = (m: Mat): number[][] =>
  Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

/** The trainer configuration of the lab's 8-digit reversal snapshot (scripts/train-snapshots.ts). */
export const LAB_TRAINER = {
  task: 'reverse',
  sizes: 8,
  batchSize: 32,
  model: { embed: 16, hidden: 16, encoder: 'gru', gruVariant: 'pytorch', attention: 'bahdanau' },
  optimizer: { kind: 'adam', lr: 0.01 },
  clip: 5,
  seed: 1,
} as const;

function recurrent(spec: Spec & { kind: 'lstm' | 'gru' }): Runner {
  const p = recurrentInputs(spec.kind, spec.size);
  const params = { W_ih: t(p.W_ih), W_hh: t(p.W_hh), b_ih: t(p.b_ih), b_hh: t(p.b_hh) };
  const cell = spec.kind === 'lstm' ? lstmCell(params) : gruCell(params, 'pytorch');
  const state: CellState = spec.kind === 'lstm' ? { h: t(p.h), c: t(p.c) } : { h: t(p.h) };
  const x = t(p.x);
  const xs = Array.from({ length: p.xs.rows }, (_, k) =>
    tensor(Array.from(p.xs.data.subarray(k * p.I, (k + 1) * p.I))),
  );
  return {
    step: () => {
      const next = cell.step(x, state);
      next.c?.values();
      return next.h.values();
    },
    chain: () => {
      let s = state;
      for (const xt of xs) s = cell.step(xt, s);
      return s.h.values();
    },
  };
}

function bahdanau(n: number): Runner {
  const p = bahdanauInputs(n);
  const dec = {
    attention: { W_a: t(p.W_a), U_a: t(p.U_a), v_a: t(p.v_a) },
    cell: gruCell({ W_ih: t(p.W_ih), W_hh: t(p.W_hh), b_ih: t(p.b_ih), b_hh: t(p.b_hh) }, 'pytorch'),
    readout: { W: t(p.W_y), b: t(p.b_y) },
  };
  const H = t(p.Hs);
  const s0 = t(p.s);
  const y0 = t(p.y);
  return {
    step: () => {
      const out = bahdanauStep(dec, s0, y0, H);
      out.read.alpha.values();
      out.s.values();
      return out.y.values();
    },
    chain: () => {
      let s = s0;
      let y = y0;
      for (let i = 0; i < CHAIN.bahdanau; i++) ({ s, y } = bahdanauStep(dec, s, y, H));
      return y.values();
    },
  };
}

function attention(spec: Spec & { kind: 'selfattn' | 'multihead' }): Runner {
  const p = attentionInputs(spec.size);
  const X = t(p.X);
  const layer =
    spec.kind === 'selfattn'
      ? (() => {
          const w = { W_q: t(p.W_q), W_k: t(p.W_k), W_v: t(p.W_v) };
          return (x: Tensor) => selfAttention(w, x);
        })()
      : (() => {
          const w = { heads: 4, W_in: t(p.W_in), b_in: t(p.b_in), W_O: t(p.W_O), b_O: t(p.b_O) };
          return (x: Tensor) => multiHeadAttention(w, x);
        })();
  return {
    step: () => layer(X).values(),
    chain: () => {
      let x = X;
      for (let k = 0; k < CHAIN[spec.kind]; k++) x = layer(x);
      return x.values();
    },
  };
}

/** One trainStep of the lab's reversal model (batch 32, 8 digits) from a fixed model and batch. */
function training(): Runner {
  const c = LAB_TRAINER;
  const task = reverseTask();
  const config = { sourceVocab: task.source.size, targetVocab: task.target.size, ...c.model };
  const model = { config, params: initSeq2Seq(config, mulberry32(c.seed)) };
  const batch = sampleBatch(task, mulberry32(2), c.batchSize, c.sizes);
  const opt = initOptimizer(c.optimizer, model.params);
  const run = () => {
    const out = trainStep(model, batch, c.optimizer, opt, c.clip);
    // Read the updated weights back, as the lab's worker does before posting a report.
    for (const p of Object.values(out.model.params)) p.values();
    return [out.report.loss];
  };
  return { step: run, chain: run };
}

/**
 * What a widget does on every edit: a short traced LSTM sequence (H = 8, T = 6)
 * or traced self-attention (n = 8, d = 16), then every traced value read for display.
 */
function widget(kind: 'widget-lstm' | 'widget-attn'): Runner {
  const rng = mulberry32(42);
  const m = (r: number, c: number, s = 0.5) => t(uniform(r, c, rng, s));
  const run =
    kind === 'widget-lstm'
      ? (() => {
          const cell = lstmCell({ W_ih: m(32, 4), W_hh: m(32, 8), b_ih: m(1, 32, 0.1), b_hh: m(1, 32, 0.1) });
          const xs = Array.from({ length: 6 }, () => m(1, 4, 1));
          return () => {
            const trace = new Trace();
            runSequence(cell, xs, { trace });
            let last = 0;
            for (const e of trace.entries) last = e.value.values()[0] ?? 0;
            return [last];
          };
        })()
      : (() => {
          const w = { W_q: m(16, 16), W_k: m(16, 16), W_v: m(16, 16) };
          const X = m(8, 16, 1);
          return () => {
            const trace = new Trace();
            selfAttention(w, X, { trace });
            let last = 0;
            for (const e of trace.entries) last = e.value.values()[0] ?? 0;
            return [last];
          };
        })();
  return { step: run, chain: run };
}

export function stepwiseImpl(backend: 'cpu' | 'webgl2'): Impl {
  return {
    name: `stepwise-${backend}`,
    activate: async () => {
      dispatch.force = backend;
    },
    deactivate: () => {
      dispatch.force = undefined;
    },
    make: (spec) => {
      switch (spec.kind) {
        case 'lstm':
        case 'gru':
          return recurrent({ ...spec, kind: spec.kind });
        case 'bahdanau':
          return bahdanau(spec.size);
        case 'selfattn':
        case 'multihead':
          return attention({ ...spec, kind: spec.kind });
        case 'train':
          return training();
        case 'widget-lstm':
        case 'widget-attn':
          return backend === 'cpu' ? widget(spec.kind) : undefined;
      }
    },
  };
}
