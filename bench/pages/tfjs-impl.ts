/** The workloads on TensorFlow.js (cpu, wasm, webgl backends), written the way a tfjs user would. */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import {
  ATTN_D,
  attentionInputs,
  BAH,
  bahdanauInputs,
  CHAIN,
  HEADS,
  type Mat,
  recurrentInputs,
  type Spec,
} from './data.ts';
import type { Impl, Runner } from './impl.ts';

export { tf };

setWasmPaths('/wasm/');

const t = (m: Mat): tf.Tensor2D => tf.tensor2d(m.data, [m.rows, m.cols]);
const keepAll = <T extends Record<string, tf.Tensor>>(o: T): T => {
  for (const v of Object.values(o)) tf.keep(v);
  return o;
};

function recurrent(kind: 'lstm' | 'gru', H: number): Runner {
  const p = recurrentInputs(kind, H);
  const w = keepAll({ W_ih: t(p.W_ih), W_hh: t(p.W_hh), b_ih: t(p.b_ih), b_hh: t(p.b_hh) });
  const x = t(p.x);
  const h0 = t(p.h);
  const c0 = t(p.c);
  const xs = Array.from({ length: p.xs.rows }, (_, k) =>
    tf.tensor2d(p.xs.data.subarray(k * p.I, (k + 1) * p.I), [1, p.I]),
  );
  const cellStep = (xt: tf.Tensor2D, h: tf.Tensor2D, c: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] =>
    tf.tidy(() => {
      const gi = tf.add(tf.matMul(xt, w.W_ih, false, true), w.b_ih);
      const gh = tf.add(tf.matMul(h, w.W_hh, false, true), w.b_hh);
      if (kind === 'lstm') {
        const [i, f, g, o] = tf.split(tf.add(gi, gh), 4, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const cn = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g))) as tf.Tensor2D;
        return [tf.mul(tf.sigmoid(o), tf.tanh(cn)) as tf.Tensor2D, cn];
      }
      const [ir, iz, inn] = tf.split(gi, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const [hr, hz, hn] = tf.split(gh, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const r = tf.sigmoid(tf.add(ir, hr));
      const z = tf.sigmoid(tf.add(iz, hz));
      const n = tf.tanh(tf.add(inn, tf.mul(r, hn)));
      return [tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h)) as tf.Tensor2D, c];
    });
  return {
    step: () => {
      const [h, c] = cellStep(x, h0, c0);
      const out = h.dataSync();
      if (kind === 'lstm') c.dataSync();
      h.dispose();
      if (c !== c0) c.dispose();
      return out;
    },
    chain: () => {
      let h = h0;
      let c = c0;
      for (const xt of xs) {
        const [hn, cn] = cellStep(xt, h, c);
        if (h !== h0) h.dispose();
        if (c !== c0 && c !== cn) c.dispose();
        h = hn;
        c = cn;
      }
      const out = h.dataSync();
      h.dispose();
      if (c !== c0) c.dispose();
      return out;
    },
  };
}

function bahdanau(n: number): Runner {
  const p = bahdanauInputs(n);
  const w = keepAll({
    W_a: t(p.W_a),
    U_a: t(p.U_a),
    v_a: tf.tensor2d(p.v_a.data, [BAH.A, 1]),
    W_ih: t(p.W_ih),
    W_hh: t(p.W_hh),
    b_ih: t(p.b_ih),
    b_hh: t(p.b_hh),
    W_y: t(p.W_y),
    b_y: t(p.b_y),
    H: t(p.Hs),
  });
  const s0 = t(p.s);
  const y0 = t(p.y);
  const step = (s: tf.Tensor2D, y: tf.Tensor2D) =>
    tf.tidy(() => {
      const e = tf.matMul(tf.tanh(tf.add(tf.matMul(w.H, w.U_a, false, true), tf.matMul(s, w.W_a, false, true))), w.v_a);
      const alpha = tf.softmax(tf.reshape(e, [1, n])) as tf.Tensor2D;
      const ctx = tf.matMul(alpha, w.H);
      const gi = tf.add(tf.matMul(tf.concat([y, ctx], 1), w.W_ih, false, true), w.b_ih);
      const gh = tf.add(tf.matMul(s, w.W_hh, false, true), w.b_hh);
      const [ir, iz, inn] = tf.split(gi, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const [hr, hz, hn] = tf.split(gh, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const r = tf.sigmoid(tf.add(ir, hr));
      const z = tf.sigmoid(tf.add(iz, hz));
      const cand = tf.tanh(tf.add(inn, tf.mul(r, hn)));
      const sn = tf.add(tf.mul(tf.sub(1, z), cand), tf.mul(z, s)) as tf.Tensor2D;
      const yn = tf.add(tf.matMul(sn, w.W_y, false, true), w.b_y) as tf.Tensor2D;
      return { s: sn, y: yn, alpha };
    });
  return {
    step: () => {
      const o = step(s0, y0);
      o.alpha.dataSync();
      o.s.dataSync();
      const out = o.y.dataSync();
      tf.dispose([o.alpha, o.s, o.y]);
      return out;
    },
    chain: () => {
      let s = s0;
      let y = y0;
      for (let i = 0; i < CHAIN.bahdanau; i++) {
        const o = step(s, y);
        o.alpha.dispose();
        if (s !== s0) s.dispose();
        if (y !== y0) y.dispose();
        s = o.s;
        y = o.y;
      }
      const out = y.dataSync();
      tf.dispose([s, y]);
      return out;
    },
  };
}

function attention(kind: 'selfattn' | 'multihead', n: number): Runner {
  const p = attentionInputs(n);
  const d = ATTN_D;
  const X = t(p.X);
  const w = keepAll({
    W_q: t(p.W_q),
    W_k: t(p.W_k),
    W_v: t(p.W_v),
    W_in: t(p.W_in),
    b_in: t(p.b_in),
    W_O: t(p.W_O),
    b_O: t(p.b_O),
  });
  const selfLayer = (x: tf.Tensor2D) =>
    tf.tidy(() => {
      const Q = tf.matMul(x, w.W_q, false, true);
      const K = tf.matMul(x, w.W_k, false, true);
      const V = tf.matMul(x, w.W_v, false, true);
      return tf.matMul(tf.softmax(tf.mul(tf.matMul(Q, K, false, true), 1 / Math.sqrt(d))), V) as tf.Tensor2D;
    });
  const dh = d / HEADS;
  const heads = (m: tf.Tensor2D) => tf.transpose(tf.reshape(m, [n, HEADS, dh]), [1, 0, 2]) as tf.Tensor3D;
  const mhLayer = (x: tf.Tensor2D) =>
    tf.tidy(() => {
      const [Q, K, V] = tf.split(tf.add(tf.matMul(x, w.W_in, false, true), w.b_in), 3, 1) as [
        tf.Tensor2D,
        tf.Tensor2D,
        tf.Tensor2D,
      ];
      const A = tf.softmax(tf.mul(tf.matMul(heads(Q), heads(K), false, true), 1 / Math.sqrt(dh)));
      const O = tf.reshape(tf.transpose(tf.matMul(A, heads(V)), [1, 0, 2]), [n, d]) as tf.Tensor2D;
      return tf.add(tf.matMul(O, w.W_O, false, true), w.b_O) as tf.Tensor2D;
    });
  const layer = kind === 'selfattn' ? selfLayer : mhLayer;
  return {
    step: () => {
      const o = layer(X);
      const out = o.dataSync();
      o.dispose();
      return out;
    },
    chain: () => {
      let x = X;
      for (let k = 0; k < CHAIN[kind]; k++) {
        const next = layer(x);
        if (x !== X) x.dispose();
        x = next;
      }
      const out = x.dataSync();
      x.dispose();
      return out;
    },
  };
}

export function tfjsImpl(backend: 'cpu' | 'wasm' | 'webgl'): Impl {
  return {
    name: `tfjs-${backend}`,
    activate: async () => {
      if (tf.getBackend() !== backend) {
        const ok = await tf.setBackend(backend);
        if (!ok) throw new Error(`tfjs backend ${backend} failed to initialise`);
      }
      await tf.ready();
    },
    deactivate: () => {},
    make: (spec: Spec) => {
      switch (spec.kind) {
        case 'lstm':
        case 'gru':
          return recurrent(spec.kind, spec.size);
        case 'bahdanau':
          return bahdanau(spec.size);
        case 'selfattn':
        case 'multihead':
          return attention(spec.kind, spec.size);
        default:
          return undefined;
      }
    },
  };
}

export function tfjsInfo(): { version: string; wasmFeatures: string } {
  const flags = tf.env().features;
  return {
    version: tf.version.tfjs,
    wasmFeatures: `simd=${String(flags.WASM_HAS_SIMD_SUPPORT ?? '?')} threads=${String(flags.WASM_HAS_MULTITHREAD_SUPPORT ?? '?')}`,
  };
}
