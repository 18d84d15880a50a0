import { mean, reshape, slice, sum, type Tensor, tensor, traceCalls, valueAndGrad } from '~engine/index.ts';
import { encoderLayer, type LayerParams } from '~engine/models/transformer-layer.ts';
import type { OpCall } from '~engine/registry.ts';
import { randomMatrix } from '~lib/random/seeds.ts';
import { choiceField, type StateOf } from '~lib/url/state.ts';
import { errorMessage } from '../data/engine-error.ts';
import { blockInputs, blockSizes, blockWeights, type NormPlacement } from '../data/transformer-block-params.ts';

const { d, dff, n, heads } = blockSizes;

/**
 * The weights of layer 2, drawn like layer 1's (blockWeights, the layer of the
 * stepper above it in the chapter) from other fixed seeds.
 */
export const secondLayerWeights = {
  in_proj_weight: randomMatrix(1911, 3 * d, d, 0.8),
  in_proj_bias: randomMatrix(1912, 1, 3 * d, 0.2)[0] as number[],
  out_proj_weight: randomMatrix(1913, d, d, 0.8),
  out_proj_bias: randomMatrix(1914, 1, d, 0.2)[0] as number[],
  linear1_weight: randomMatrix(1915, dff, d, 0.8),
  linear1_bias: randomMatrix(1916, 1, dff, 0.2)[0] as number[],
  linear2_weight: randomMatrix(1917, d, dff, 0.6),
  linear2_bias: randomMatrix(1918, 1, d, 0.2)[0] as number[],
} as const;

/** The widget's link state: where the norms go. */
export const stackedLayersFields = { m: choiceField<NormPlacement>(['post', 'pre'], 'post') };

/** What the two layers computed (weights are means over the heads). */
export interface StackedResult {
  /** Layer 1's self-attention weights over the tokens X. */
  A1: number[][];
  Y1: number[][];
  /** Layer 2's weights over the rows of Y¹: what the stack computes. */
  A2: number[][];
  /** Layer 2's weights if it read X itself, skipping layer 1. */
  A2onX: number[][];
  Y2: number[][];
  /** Entry (i, j): ‖∂Y¹ᵢ/∂Xⱼ‖, how far token j's vector moves row i of layer 2's input. */
  reach: number[][];
  calls: OpCall[];
  error: string;
}

/** One layer's state dict under nn.TransformerEncoder's names (layers.<k>.…), γ = 1 and β = 0 in both norms. */
function layerDict(k: number, w: typeof blockWeights | typeof secondLayerWeights): Record<string, Tensor> {
  const p = `layers.${k}.`;
  return {
    [`${p}self_attn.in_proj_weight`]: tensor(w.in_proj_weight.map((r) => [...r])),
    [`${p}self_attn.in_proj_bias`]: tensor([...w.in_proj_bias]),
    [`${p}self_attn.out_proj.weight`]: tensor(w.out_proj_weight.map((r) => [...r])),
    [`${p}self_attn.out_proj.bias`]: tensor([...w.out_proj_bias]),
    [`${p}linear1.weight`]: tensor(w.linear1_weight.map((r) => [...r])),
    [`${p}linear1.bias`]: tensor([...w.linear1_bias]),
    [`${p}linear2.weight`]: tensor(w.linear2_weight.map((r) => [...r])),
    [`${p}linear2.bias`]: tensor([...w.linear2_bias]),
    [`${p}norm1.weight`]: tensor(Array(d).fill(1)),
    [`${p}norm1.bias`]: tensor(Array(d).fill(0)),
    [`${p}norm2.weight`]: tensor(Array(d).fill(1)),
    [`${p}norm2.bias`]: tensor(Array(d).fill(0)),
  };
}

/** A [1, h, n, n] weight tensor averaged over its heads, as rows. */
const headMean = (w: Tensor): number[][] => mean(reshape(w, [heads, n, n]), 0).toRows();

/**
 * Two encoder layers stacked (/transformer/, "Stacking layers"): layer 1 is
 * the stepper's layer, layer 2 has its own weights and reads layer 1's output
 * Y¹. Beside its weights the widget shows what they would be on X itself, and
 * how much each token moves each row that layer 2 reads: ‖∂Y¹ᵢ/∂Xⱼ‖ from the
 * engine's gradients (one backward pass per entry of Y¹).
 */
export class StackedLayersState {
  #m = $state<NormPlacement>('post');
  readonly #params: LayerParams = { ...layerDict(0, blockWeights), ...layerDict(1, secondLayerWeights) };

  /** Post-LN (2017) or pre-LN. */
  get placement(): NormPlacement {
    return this.#m;
  }

  /** The engine's run of both layers for the current placement. */
  readonly result: StackedResult = $derived.by(() => {
    const c = { heads, normFirst: this.#m === 'pre', activation: 'relu' as const };
    try {
      const { result, calls } = traceCalls(() => {
        const X = tensor([blockInputs.map((r) => [...r])]);
        const one = encoderLayer(this.#params, 'layers.0.', c, X);
        const two = encoderLayer(this.#params, 'layers.1.', c, one.out);
        const onX = encoderLayer(this.#params, 'layers.1.', c, X);
        const reach: number[][] = Array.from({ length: n }, () => Array<number>(n).fill(0));
        for (let i = 0; i < n; i++) {
          for (let e = 0; e < d; e++) {
            const { grads } = valueAndGrad(
              (p) => sum(slice(encoderLayer(this.#params, 'layers.0.', c, p.X as Tensor).out, [0, i, e], [1, 1, 1])),
              { X },
            );
            const g = reshape(grads.X, [n, d]).toRows();
            const row = reach[i] as number[];
            for (let j = 0; j < n; j++) row[j] = (row[j] as number) + sumSquares(g[j] as number[]);
          }
        }
        return {
          A1: headMean(one.self),
          Y1: reshape(one.out, [n, d]).toRows(),
          A2: headMean(two.self),
          A2onX: headMean(onX.self),
          Y2: reshape(two.out, [n, d]).toRows(),
          reach: reach.map((r) => r.map(Math.sqrt)),
        };
      });
      return { ...result, calls, error: '' };
    } catch (e) {
      return { A1: [], Y1: [], A2: [], A2onX: [], Y2: [], reach: [], calls: [], error: errorMessage(e) };
    }
  });

  /** Chooses post-LN or pre-LN for both layers. */
  setPlacement(m: string): void {
    if (m === 'post' || m === 'pre') this.#m = m;
  }

  /** The whole state for the URL. */
  snapshot(): StateOf<typeof stackedLayersFields> {
    return { m: this.#m };
  }

  /** Applies a state read from the URL. */
  restore(s: StateOf<typeof stackedLayersFields>): void {
    this.#m = s.m;
  }

  /** Back to post-LN. */
  reset(): void {
    this.#m = 'post';
  }
}

const sumSquares = (v: readonly number[]): number => v.reduce((s, x) => s + x * x, 0);
