/**
 * The benchmark page's harness: runs one workload on several implementations
 * interleaved (ABBA order per repetition), with seeded inputs, and reports
 * cold first call, steady-state samples, chained steps with one readback, a
 * shape change by one and the max error against a float64 reference.
 * bench/run.ts drives it through window.stepwiseBench.
 */
import { initWebGL2, webgl2Stats } from '../../src/engine/backends/webgl2/index.ts';
import * as engine from '../../src/engine/index.ts';
import {
  attentionInputs,
  bahdanauChainRef,
  bahdanauInputs,
  bahdanauStepRef,
  CHAIN,
  gruStepRef,
  lstmStepRef,
  maxError,
  multiHeadRef,
  recurrentChainRef,
  recurrentInputs,
  type Spec,
  selfAttentionRef,
} from './data.ts';
import type { Impl, Runner } from './impl.ts';
import { mathjsImpl } from './mathjs-impl.ts';
import { stepwiseImpl } from './stepwise-impl.ts';
import { tf, tfjsImpl, tfjsInfo } from './tfjs-impl.ts';
import { type RaceResult, raceTo95 } from './train-race.ts';

const gl = initWebGL2();

const impls: Record<string, Impl> = Object.fromEntries(
  [stepwiseImpl('cpu'), stepwiseImpl('webgl2'), tfjsImpl('cpu'), tfjsImpl('wasm'), tfjsImpl('webgl'), mathjsImpl].map(
    (i) => [i.name, i],
  ),
);

interface Reference {
  step: ArrayLike<number>;
  chain: ArrayLike<number>;
}

function reference(spec: Spec): Reference | undefined {
  switch (spec.kind) {
    case 'lstm':
    case 'gru': {
      const p = recurrentInputs(spec.kind, spec.size);
      const step =
        spec.kind === 'lstm' ? lstmStepRef(p, p.x.data, p.h.data, p.c.data).h : gruStepRef(p, p.x.data, p.h.data).h;
      return { step, chain: recurrentChainRef(spec.kind, p) };
    }
    case 'bahdanau': {
      const p = bahdanauInputs(spec.size);
      return { step: bahdanauStepRef(p, p.s.data, p.y.data).y, chain: bahdanauChainRef(p) };
    }
    case 'selfattn':
    case 'multihead': {
      const p = attentionInputs(spec.size);
      const layer = spec.kind === 'selfattn' ? selfAttentionRef : multiHeadRef;
      let x: ArrayLike<number> = p.X.data;
      const step = layer(p, x);
      for (let k = 0; k < CHAIN[spec.kind]; k++) x = layer(p, x);
      return { step, chain: x };
    }
    default:
      return undefined;
  }
}

const compiled = () => webgl2Stats()?.compiled ?? 0;

/** Times `calls` back-to-back calls of fn; returns ms per call. */
function timePer(fn: () => unknown, calls: number): number {
  const t0 = performance.now();
  for (let k = 0; k < calls; k++) fn();
  return (performance.now() - t0) / calls;
}

/** Calls per sample so that one sample lasts about `targetMs` (timer resolution stays negligible). */
function callsFor(fn: () => unknown, targetMs: number): number {
  let calls = 1;
  for (;;) {
    const ms = timePer(fn, calls) * calls;
    if (ms >= targetMs || calls >= 4096) return calls;
    calls = Math.min(4096, Math.max(calls * 2, Math.ceil((calls * targetMs) / Math.max(ms, 0.001))));
  }
}

export interface ImplResult {
  impl: string;
  coldMs: number;
  coldCompiles: number | null;
  chainColdMs: number;
  stepCalls: number;
  chainCalls: number;
  stepMs: number[];
  chainMs: number[];
  maxErrStep: number | null;
  maxErrChain: number | null;
  shapeChange: { size: number; firstMs: number; secondMs: number; compiles: number | null };
  error?: string;
}

async function runWorkload(spec: Spec, names: string[], reps: number, sampleMs: number) {
  const ref = reference(spec);
  const runners = new Map<string, Runner>();
  const results = new Map<string, ImplResult>();
  const active = names.map((n) => impls[n]).filter((i): i is Impl => i !== undefined);
  for (const impl of active) {
    await impl.activate();
    try {
      const c0 = compiled();
      const runner = impl.make(spec);
      if (runner === undefined) continue;
      let t0 = performance.now();
      const first = Array.from(runner.step());
      const coldMs = performance.now() - t0;
      const coldCompiles = impl.name === 'stepwise-webgl2' ? compiled() - c0 : null;
      t0 = performance.now();
      const chained = Array.from(runner.chain());
      const chainColdMs = performance.now() - t0;
      runners.set(impl.name, runner);
      results.set(impl.name, {
        impl: impl.name,
        coldMs,
        coldCompiles,
        chainColdMs,
        stepCalls: callsFor(() => runner.step(), sampleMs),
        chainCalls: callsFor(() => runner.chain(), sampleMs),
        stepMs: [],
        chainMs: [],
        maxErrStep: ref ? maxError(first, ref.step) : null,
        maxErrChain: ref ? maxError(chained, ref.chain) : null,
        shapeChange: { size: spec.size + 1, firstMs: Number.NaN, secondMs: Number.NaN, compiles: null },
      });
    } finally {
      impl.deactivate();
    }
  }
  const order = active.filter((i) => runners.has(i.name));
  for (let r = 0; r < reps; r++) {
    for (const impl of r % 2 === 0 ? order : [...order].reverse()) {
      const runner = runners.get(impl.name) as Runner;
      const res = results.get(impl.name) as ImplResult;
      await impl.activate();
      res.stepMs.push(timePer(() => runner.step(), res.stepCalls));
      res.chainMs.push(timePer(() => runner.chain(), res.chainCalls));
      impl.deactivate();
    }
  }
  if (spec.kind !== 'train' && !spec.kind.startsWith('widget')) {
    for (const impl of order) {
      const res = results.get(impl.name) as ImplResult;
      await impl.activate();
      const c0 = compiled();
      const runner = impl.make({ kind: spec.kind, size: spec.size + 1 });
      if (runner !== undefined) {
        res.shapeChange.firstMs = timePer(() => runner.step(), 1);
        res.shapeChange.compiles = impl.name === 'stepwise-webgl2' ? compiled() - c0 : null;
        res.shapeChange.secondMs = timePer(() => runner.step(), 1);
      }
      impl.deactivate();
    }
  }
  return { spec, results: [...results.values()] };
}

/** One contender of the training race (train-race.ts), with its tf backend made active first; errors are reported. */
async function race(contender: string, maxSteps: number): Promise<RaceResult | { contender: string; error: string }> {
  try {
    if (contender.startsWith('tfjs-')) await impls[contender]?.activate();
    return raceTo95(contender, maxSteps);
  } catch (e) {
    return { contender, error: e instanceof Error ? e.message : String(e) };
  }
}

function environment() {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('webgl2');
  const ext = ctx?.getExtension('WEBGL_debug_renderer_info');
  const unmasked = ctx && ext ? String(ctx.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : 'none';
  // Timer resolution: the smallest non-zero step performance.now() makes.
  let res = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 200; k++) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    res = Math.min(res, b - a);
  }
  return {
    userAgent: navigator.userAgent,
    crossOriginIsolated: globalThis.crossOriginIsolated,
    timerResolutionMs: res,
    stepwiseWebgl2: gl.ok ? { renderer: gl.renderer, software: gl.software } : { failure: gl.reason },
    unmaskedRenderer: unmasked,
    hardwareConcurrency: navigator.hardwareConcurrency,
    tfjs: tfjsInfo(),
  };
}

declare global {
  interface Window {
    stepwiseBench: {
      environment: typeof environment;
      runWorkload: typeof runWorkload;
      race: typeof race;
      ready: Promise<void>;
      /** The engine module, for ad-hoc profiling from the console or a script. */
      engine: typeof engine;
      /** TensorFlow.js, for profiling its passes next to the engine's. */
      tf: typeof tf;
    };
  }
}

async function warmBackends() {
  // Initialise every tfjs backend once so the first workload's cold call measures the op, not the backend start.
  // ?warm=cpu (the CI guard) starts only the cpu backend.
  const only = new URLSearchParams(location.search).get('warm');
  const names = only === null ? ['tfjs-wasm', 'tfjs-webgl', 'tfjs-cpu'] : only.split(',').map((b) => `tfjs-${b}`);
  for (const name of names) await impls[name]?.activate();
}

window.stepwiseBench = { environment, runWorkload, race, ready: warmBackends(), engine, tf };
document.body.dataset.ready = 'true';
