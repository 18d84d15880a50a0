import * as v from 'valibot';
import { type InitResult, initWebGL2 } from '~engine/backends/webgl2/index.ts';
import { attentionWeights, dispatch, matmul, type Tensor, tensor, traceCalls } from '~engine/index.ts';
import type { OpCall } from '~engine/registry.ts';
import type { BackendName } from '~engine/tensor.ts';
import { m } from '~lib/i18n/messages.ts';
import { field, intField, type StateOf } from '~lib/url/state.ts';
import { type ScaleInputs, scaleInputs, scaleLengths } from '../data/scale-mode-inputs.ts';

/** The link state: length n and the seed of the generated tokens. */
export const scaleFields = {
  n: field(v.picklist(scaleLengths), 1024 as (typeof scaleLengths)[number]),
  s: intField(1, 0, 2 ** 31 - 1),
};

/** The stated tolerance against the CPU: |gpu − cpu| ≤ atol + rtol·|cpu| (float32 sums of up to 1024 terms). */
export const scaleTolerance = { rtol: 1e-4, atol: 1e-5 } as const;

/** One finished run. */
export interface ScaleRun {
  n: number;
  backend: BackendName;
  /** The weights A [n, n], row-major (the engine traces them as `A'`). */
  Ap: Float32Array;
  /** O [n, 64], row-major. */
  O: Float32Array;
  calls: OpCall[];
  /** Wall time of the three stages, readback included. */
  ms: number;
}

/** How the run compares with the CPU. */
export interface CpuCheck {
  maxAp: number;
  maxO: number;
  ok: boolean;
}

/** Where the run is. */
export type ScaleStatus = 'idle' | 'running' | 'done' | 'error';

/** Yields to the browser so a status change paints before the next blocking stage. */
const nextFrame = () =>
  new Promise<void>((resolve) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(resolve, 0));
    else setTimeout(resolve, 0);
  });

/** Largest |a − b| and whether every entry is within the tolerance. */
export function compare(got: Float32Array, ref: Float32Array): { max: number; ok: boolean } {
  let max = 0;
  let ok = got.length === ref.length;
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i] as number;
    const diff = Math.abs((got[i] as number) - r);
    if (!(diff <= scaleTolerance.atol + scaleTolerance.rtol * Math.abs(r))) ok = false;
    if (diff > max || Number.isNaN(diff)) max = diff;
  }
  return { max, ok };
}

/**
 * The costs chapter's scale mode: self-attention over up to 1024 generated tokens
 * (d = 64), forced onto WebGL2 for this computation only (the previous
 * dispatch setting is restored after every stage), in three stages with a
 * pause between them so the page keeps painting. Without WebGL2 it runs the
 * same ops on the CPU and says why.
 */
export class ScaleModeState {
  #n = $state<(typeof scaleLengths)[number]>(1024);
  #seed = $state(1);
  #status = $state<ScaleStatus>('idle');
  /** The running stage's words, as a message read while rendering ('' between runs). */
  #stage = $state<() => string>(() => '');
  #run = $state<ScaleRun | undefined>(undefined);
  #check = $state<CpuCheck | undefined>(undefined);
  #error = $state('');
  #init = $state<InitResult | undefined>(undefined);
  readonly #initialize: () => InitResult;

  /** `init` replaces initWebGL2 (tests and the ?webgl2=off flag use it). */
  constructor(options: { init?: () => InitResult } = {}) {
    this.#initialize = options.init ?? (() => initWebGL2());
  }

  get n(): number {
    return this.#n;
  }
  get seed(): number {
    return this.#seed;
  }
  get status(): ScaleStatus {
    return this.#status;
  }
  /** What the running computation is doing, in the page's language ('' when idle). */
  get stage(): string {
    return this.#stage();
  }
  get run(): ScaleRun | undefined {
    return this.#run;
  }
  get check(): CpuCheck | undefined {
    return this.#check;
  }
  get error(): string {
    return this.#error;
  }

  /** WebGL2's init result (undefined until the first run). */
  get webgl(): InitResult | undefined {
    return this.#init;
  }

  setN(n: number): void {
    if ((scaleLengths as readonly number[]).includes(n)) this.#n = n as (typeof scaleLengths)[number];
  }

  setSeed(seed: number): void {
    if (Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31) this.#seed = seed;
  }

  /** Runs the computation for the current n and seed on WebGL2, or on the CPU where WebGL2 is missing. */
  async compute(): Promise<void> {
    if (this.#status === 'running') return;
    this.#status = 'running';
    this.#error = '';
    this.#check = undefined;
    try {
      this.#stage = m.widget_scale_mode_stage_start;
      await nextFrame();
      this.#init ??= this.#initialize();
      const backend: BackendName = this.#init.ok ? 'webgl2' : 'cpu';
      this.#run = await this.#stages(scaleInputs(this.#n, this.#seed), backend);
      this.#status = 'done';
    } catch (e) {
      this.#error = e instanceof Error ? e.message : String(e);
      this.#status = 'error';
    } finally {
      this.#stage = () => '';
    }
  }

  /** Recomputes the same run on the CPU and compares every entry of A and O. */
  async checkCpu(): Promise<void> {
    const run = this.#run;
    if (run === undefined || this.#status === 'running') return;
    this.#status = 'running';
    try {
      const ref = await this.#stages(scaleInputs(run.n, this.#seed), 'cpu', true);
      const a = compare(run.Ap, ref.Ap);
      const o = compare(run.O, ref.O);
      this.#check = { maxAp: a.max, maxO: o.max, ok: a.ok && o.ok };
      this.#status = 'done';
    } catch (e) {
      this.#error = e instanceof Error ? e.message : String(e);
      this.#status = 'error';
    } finally {
      this.#stage = () => '';
    }
  }

  /** Q, K, V; then A = softmax(QKᵀ/√d) and O = AV; then the readback, each stage on `backend` only. */
  async #stages(inputs: ScaleInputs, backend: BackendName, checking = false): Promise<ScaleRun> {
    const { n, d } = inputs;
    const calls: OpCall[] = [];
    let ms = 0;
    /** Shows what comes next and lets that paint before it starts. */
    const enter = async (stage: () => string) => {
      this.#stage = checking ? () => m.widget_scale_mode_stage_checking({ stage: stage() }) : stage;
      await nextFrame();
    };
    const on = async <T>(stage: () => string, fn: () => T): Promise<T> => {
      await enter(stage);
      const saved = dispatch.force;
      dispatch.force = backend;
      const t0 = performance.now();
      try {
        const r = traceCalls(fn);
        calls.push(...r.calls);
        return r.result;
      } finally {
        ms += performance.now() - t0;
        dispatch.force = saved;
      }
    };
    const made: Tensor[] = [];
    const keep = (t: Tensor) => {
      made.push(t);
      return t;
    };
    try {
      const [Q, K, V] = await on(m.widget_scale_mode_stage_project, () => {
        const X = keep(tensor(inputs.X, [n, d]));
        const W = [inputs.W_q, inputs.W_k, inputs.W_v].map((w) => keep(tensor(w, [d, d])));
        return W.map((w) => keep(matmul(X, w, { transposeB: true })));
      });
      const [Ap, O] = await on(
        () => m.widget_scale_mode_stage_softmax({ n }),
        () => {
          const weights = keep(attentionWeights(Q as Tensor, K as Tensor));
          return [weights, keep(matmul(weights, V as Tensor))];
        },
      );
      // The readback waits for the GPU without holding the thread (a synchronous one at n = 1024 on software
      // WebGL2 was a 270 ms task); the copies outlive the tensors disposed below.
      await enter(m.widget_scale_mode_stage_read);
      const t0 = performance.now();
      const [ap, o] = await Promise.all([(Ap as Tensor).valuesAsync(), (O as Tensor).valuesAsync()]);
      ms += performance.now() - t0;
      return { n, backend, Ap: ap.slice(), O: o.slice(), calls, ms };
    } finally {
      for (const t of made) t.dispose();
    }
  }

  snapshot(): StateOf<typeof scaleFields> {
    return { n: this.#n, s: this.#seed };
  }

  restore(s: StateOf<typeof scaleFields>): void {
    this.#n = s.n;
    this.#seed = s.s;
  }
}
