import {
  add,
  gelu,
  layerNorm,
  matmul,
  multiHeadAttention,
  relu,
  type Tensor,
  Trace,
  tensor,
  traceCalls,
} from '~engine/index.ts';
import { type LayerParam, transformerLayerParams } from '~engine/models/transformer-sizes.ts';
import { rowStats } from '~engine/ops/layer-norm.ts';
import type { OpCall } from '~engine/registry.ts';
import { sizeOf } from '~engine/shape.ts';
import { choiceField, intField, matrixField, type StateOf, vectorField } from '~lib/url/state.ts';
import { errorMessage } from '../data/engine-error.ts';
import {
  type BlockActivation,
  type BlockStep,
  blockInputs,
  blockSizes,
  blockSteps,
  blockWeights,
  type NormPlacement,
  unitGamma,
  zeroBeta,
} from '../data/transformer-block-params.ts';
import { StepperState } from '../kit/stepper.svelte.ts';

/** PyTorch's nn.LayerNorm default ε. */
export const layerNormEps = 1e-5;

/** The widget's link state. */
export const transformerBlockFields = {
  m: choiceField<NormPlacement>(['post', 'pre'], 'post'),
  a: choiceField<BlockActivation>(['relu', 'gelu'], 'relu'),
  X: matrixField(blockInputs),
  g1: vectorField(unitGamma),
  b1: vectorField(zeroBeta),
  g2: vectorField(unitGamma),
  b2: vectorField(zeroBeta),
  t: intField(0, 0, 6),
  cd: intField(512, 1, 100_000),
  cf: intField(2048, 1, 1_000_000),
};

/** One LayerNorm: its input, the per-row mean and σ = √(var + ε) it used, the normalised rows, the output. */
export interface NormResult {
  input: number[][];
  mu: number[];
  sigma: number[];
  xhat: number[][];
  out: number[][];
}

/** Everything the layer computed, by the chapter's symbols (in pre-LN, S2 is Y). */
export interface BlockResult {
  ln1: NormResult;
  ln2: NormResult;
  /** What self-attention reads: X (post-LN) or LN₁(X) (pre-LN). */
  attnIn: number[][];
  /** Attention weights A of each head (the engine's `A'`). */
  heads: number[][][];
  Z: number[][];
  S1: number[][];
  /** What the feed-forward network reads: LN₁(S₁) (post-LN) or LN₂(S₁) (pre-LN). */
  ffIn: number[][];
  U: number[][];
  F: number[][];
  S2: number[][];
  Y: number[][];
  calls: OpCall[];
  error: string;
}

/** Parameters per part of one layer, from the state-dict shapes. */
export interface ParamCounts {
  encoder: { part: LayerParam['part']; count: number }[];
  encoderTotal: number;
  decoderTotal: number;
}

const empty = (): NormResult => ({ input: [], mu: [], sigma: [], xhat: [], out: [] });
const copy = (m: readonly (readonly number[])[]) => m.map((r) => [...r]);
const W = blockWeights;
const mha = {
  heads: blockSizes.heads,
  W_in: tensor(copy(W.in_proj_weight)),
  b_in: tensor([...W.in_proj_bias]),
  W_O: tensor(copy(W.out_proj_weight)),
  b_O: tensor([...W.out_proj_bias]),
};
const ffn = {
  W1: tensor(copy(W.linear1_weight)),
  b1: tensor([...W.linear1_bias]),
  W2: tensor(copy(W.linear2_weight)),
  b2: tensor([...W.linear2_bias]),
};
const ones = tensor([...unitGamma]);
const zeros = tensor([...zeroBeta]);

/** The engine's LayerNorm of x, with the statistics it normalised by (read with the op's own rowStats). */
function norm(x: Tensor, gamma: readonly number[], beta: readonly number[]): { out: Tensor; info: NormResult } {
  const out = layerNorm(x, tensor([...gamma]), tensor([...beta]), layerNormEps);
  const xhat = layerNorm(x, ones, zeros, layerNormEps);
  const v = x.values();
  const D = x.shape[1] as number;
  const stats = Array.from({ length: x.shape[0] as number }, (_, r) => rowStats(v, r, D, layerNormEps));
  const info = {
    input: x.toRows(),
    mu: stats.map((s) => s.mu),
    sigma: stats.map((s) => 1 / s.inv),
    xhat: xhat.toRows(),
    out: out.toRows(),
  };
  return { out, info };
}

/**
 * One Transformer encoder layer, as nn.TransformerEncoderLayer computes it
 * (/transformer/): two-head self-attention, a residual sum and a LayerNorm,
 * then the position-wise feed-forward network, another residual and norm.
 * norm_first chooses post-LN (the 2017 paper) or pre-LN. Every value is an
 * engine op's output; the stepper walks them in the order the mode computes.
 */
export class TransformerBlockState {
  readonly stepper = new StepperState<BlockStep>(blockSteps.post, { intervalMs: 1200 });
  #mode = $state<NormPlacement>('post');
  #activation = $state<BlockActivation>('relu');
  #inputs = $state(copy(blockInputs));
  #g1 = $state([...unitGamma]);
  #b1 = $state([...zeroBeta]);
  #g2 = $state([...unitGamma]);
  #b2 = $state([...zeroBeta]);
  #countD = $state(512);
  #countF = $state(2048);

  /** The engine's run of the layer on the current tokens and norms. */
  readonly result: BlockResult = $derived.by(() => {
    try {
      const { result, calls } = traceCalls(() => this.#run());
      return { ...result, calls, error: '' };
    } catch (e) {
      const none = { ln1: empty(), ln2: empty(), attnIn: [], heads: [], Z: [], S1: [], ffIn: [], U: [], F: [] };
      return { ...none, S2: [], Y: [], calls: [], error: errorMessage(e) };
    }
  });

  #run(): Omit<BlockResult, 'calls' | 'error'> {
    const X = tensor(copy(this.#inputs));
    const pre = this.#mode === 'pre';
    const trace = new Trace();
    const feedForward = (x: Tensor) => {
      const inner = add(matmul(x, ffn.W1, { transposeB: true }), ffn.b1);
      const U = this.#activation === 'gelu' ? gelu(inner) : relu(inner);
      return { U, F: add(matmul(U, ffn.W2, { transposeB: true }), ffn.b2) };
    };
    const n1 = pre ? norm(X, this.#g1, this.#b1) : undefined;
    const attnIn = n1?.out ?? X;
    const Z = multiHeadAttention(mha, attnIn, { trace });
    const S1 = add(X, Z);
    const ln1 = n1 ?? norm(S1, this.#g1, this.#b1);
    const ln2 = pre ? norm(S1, this.#g2, this.#b2) : undefined;
    const ffIn = pre ? (ln2?.out as Tensor) : ln1.out;
    const { U, F } = feedForward(ffIn);
    const S2 = add(pre ? S1 : ffIn, F);
    const last = ln2 ?? norm(S2, this.#g2, this.#b2);
    const heads = Array.from({ length: blockSizes.heads }, (_, h) => trace.get("A'", { head: h + 1 }).toRows());
    return {
      ln1: ln1.info,
      ln2: last.info,
      attnIn: attnIn.toRows(),
      heads,
      Z: Z.toRows(),
      S1: S1.toRows(),
      ffIn: ffIn.toRows(),
      U: U.toRows(),
      F: F.toRows(),
      S2: S2.toRows(),
      Y: pre ? S2.toRows() : last.info.out,
    };
  }

  /** Parameter counts per part for the calculator's d and d_ff, summed from the layers' state-dict shapes. */
  get counts(): ParamCounts {
    const total = (kind: 'encoder' | 'decoder') =>
      transformerLayerParams(kind, this.#countD, this.#countF).reduce((s, p) => s + sizeOf(p.shape), 0);
    const parts = new Map<LayerParam['part'], number>();
    for (const p of transformerLayerParams('encoder', this.#countD, this.#countF)) {
      parts.set(p.part, (parts.get(p.part) ?? 0) + sizeOf(p.shape));
    }
    return {
      encoder: [...parts].map(([part, count]) => ({ part, count })),
      encoderTotal: total('encoder'),
      decoderTotal: total('decoder'),
    };
  }

  get mode(): NormPlacement {
    return this.#mode;
  }

  get activation(): BlockActivation {
    return this.#activation;
  }

  get inputs(): readonly (readonly number[])[] {
    return this.#inputs;
  }

  /** γ and β of LayerNorm 1 and 2. */
  get norms(): { g1: readonly number[]; b1: readonly number[]; g2: readonly number[]; b2: readonly number[] } {
    return { g1: this.#g1, b1: this.#b1, g2: this.#g2, b2: this.#b2 };
  }

  /** The calculator's model width and feed-forward width. */
  get countSizes(): { d: number; dff: number } {
    return { d: this.#countD, dff: this.#countF };
  }

  /** Switches post-LN / pre-LN; the walk stays on the same computation, now at its place in the new order. */
  setMode(m: NormPlacement): void {
    const kind = this.stepper.current?.kind;
    this.#mode = m;
    this.stepper.setSteps(blockSteps[m]);
    this.stepper.goTo(
      Math.max(
        0,
        blockSteps[m].findIndex((s) => s.kind === kind),
      ),
    );
  }

  setActivation(a: BlockActivation): void {
    this.#activation = a;
  }

  /** Sets token i's feature j. */
  setInput(i: number, j: number, value: number): void {
    const row = this.#inputs[i];
    if (row && j >= 0 && j < row.length && Number.isFinite(value)) row[j] = value;
  }

  /** Sets entry j of γ or β of norm 1 or 2 (`which` is g1, b1, g2 or b2). */
  setNorm(which: 'g1' | 'b1' | 'g2' | 'b2', j: number, value: number): void {
    const v = { g1: this.#g1, b1: this.#b1, g2: this.#g2, b2: this.#b2 }[which];
    if (j >= 0 && j < v.length && Number.isFinite(value)) v[j] = value;
  }

  /** Sets the calculator's sizes (whole numbers ≥ 1; anything else is ignored). */
  setCountSizes(d: number, dff: number): void {
    if (Number.isInteger(d) && d >= 1 && d <= 100_000) this.#countD = d;
    if (Number.isInteger(dff) && dff >= 1 && dff <= 1_000_000) this.#countF = dff;
  }

  /** The whole state for the URL. */
  snapshot(): StateOf<typeof transformerBlockFields> {
    return {
      m: this.#mode,
      a: this.#activation,
      X: copy(this.#inputs),
      g1: [...this.#g1],
      b1: [...this.#b1],
      g2: [...this.#g2],
      b2: [...this.#b2],
      t: this.stepper.index,
      cd: this.#countD,
      cf: this.#countF,
    };
  }

  /** Applies a state read from the URL (validated field by field). */
  restore(s: StateOf<typeof transformerBlockFields>): void {
    const fits = (v: readonly number[]) => v.length === blockSizes.d;
    const rows = s.X.length === blockSizes.n && s.X.every(fits);
    this.setMode(s.m);
    this.#activation = s.a;
    this.#inputs = rows ? copy(s.X) : copy(blockInputs);
    this.#g1 = fits(s.g1) ? [...s.g1] : [...unitGamma];
    this.#b1 = fits(s.b1) ? [...s.b1] : [...zeroBeta];
    this.#g2 = fits(s.g2) ? [...s.g2] : [...unitGamma];
    this.#b2 = fits(s.b2) ? [...s.b2] : [...zeroBeta];
    this.#countD = s.cd;
    this.#countF = s.cf;
    this.stepper.goTo(s.t);
  }

  /** Back to post-LN, ReLU, the default tokens, γ = 1, β = 0, the 2017 base sizes in the calculator. */
  reset(): void {
    this.restore({
      m: 'post',
      a: 'relu',
      X: copy(blockInputs),
      g1: [...unitGamma],
      b1: [...zeroBeta],
      g2: [...unitGamma],
      b2: [...zeroBeta],
      t: 0,
      cd: 512,
      cf: 2048,
    });
  }
}
