/**
 * Median time of one widget-size cell step on the CPU, with and without a
 * trace. Run: npx node scripts/engine-speed.ts   (Node 24 strips the types)
 * Not a test: numbers vary by machine; the aim is well under 0.1 ms per step.
 */
import {
  attention,
  dispatch,
  gruCell,
  lstmCell,
  mulberry32,
  type RecurrentParams,
  rnnCell,
  selfAttention,
  Trace,
  uniformTensor,
} from '../src/engine/index.ts';

dispatch.force = 'cpu';
const rng = mulberry32(1);

function params(gates: number, input: number, hidden: number): RecurrentParams {
  return {
    W_ih: uniformTensor([gates * hidden, input], rng, 0.3),
    W_hh: uniformTensor([gates * hidden, hidden], rng, 0.3),
    b_ih: uniformTensor([gates * hidden], rng, 0.1),
    b_hh: uniformTensor([gates * hidden], rng, 0.1),
  };
}

/** Median milliseconds of `fn` over `runs` runs after a warm-up. */
function median(fn: () => void, runs = 2000): number {
  for (let i = 0; i < 200; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] ?? Number.NaN;
}

const rows: [string, number][] = [];
for (const H of [8, 32, 64]) {
  const I = 16;
  const x = uniformTensor([I], rng);
  for (const [name, cell] of [
    ['rnn', rnnCell(params(1, I, H))],
    ['gru', gruCell(params(3, I, H))],
    ['lstm', lstmCell(params(4, I, H))],
  ] as const) {
    const state = cell.zeroState();
    rows.push([`${name} step H=${H}`, median(() => cell.step(x, state))]);
    rows.push([`${name} step H=${H} + trace`, median(() => cell.step(x, state, new Trace(), 1))]);
  }
}
const X = uniformTensor([16, 32], rng);
const sa = { W_q: uniformTensor([32, 32], rng), W_k: uniformTensor([32, 32], rng), W_v: uniformTensor([32, 32], rng) };
rows.push(['selfAttention n=16 d=32 + trace', median(() => selfAttention(sa, X, { trace: new Trace() }))]);
const Q = uniformTensor([1024, 64], rng);
rows.push(['attention n=1024 d=64 (fused)', median(() => attention(Q, Q, Q), 5)]);

for (const [name, ms] of rows) console.log(`${name.padEnd(34)} ${ms.toFixed(4)} ms`);
