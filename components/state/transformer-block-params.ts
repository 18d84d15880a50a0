import { randomMatrix } from '~lib/random/seeds.ts';

/** Model width d, heads, feed-forward width d_ff and tokens of the widget's layer. */
export const blockSizes = { d: 4, heads: 2, dff: 8, n: 3 } as const;

/** The three tokens the layer reads. */
export const blockTokens = ['the', 'cat', 'sat'] as const;

/** Token vectors (word vector plus position already added), one row per token. */
export const blockInputs: readonly (readonly number[])[] = [
  [1.2, -0.4, 0.3, 0.9],
  [-0.6, 1.5, 0.8, -0.2],
  [0.4, 0.2, -1.1, 1.4],
];

const { d, dff } = blockSizes;

/** The layer's fixed weights, PyTorch layout and names (nn.TransformerEncoderLayer), drawn from fixed seeds. */
export const blockWeights = {
  in_proj_weight: randomMatrix(1901, 3 * d, d, 0.8),
  in_proj_bias: randomMatrix(1902, 1, 3 * d, 0.2)[0] as number[],
  out_proj_weight: randomMatrix(1903, d, d, 0.8),
  out_proj_bias: randomMatrix(1904, 1, d, 0.2)[0] as number[],
  linear1_weight: randomMatrix(1905, dff, d, 0.8),
  linear1_bias: randomMatrix(1906, 1, dff, 0.2)[0] as number[],
  linear2_weight: randomMatrix(1907, d, dff, 0.6),
  linear2_bias: randomMatrix(1908, 1, d, 0.2)[0] as number[],
} as const;

/** LayerNorm's γ and β start as PyTorch initialises them: γ = 1, β = 0. */
export const unitGamma: readonly number[] = Array(d).fill(1);
export const zeroBeta: readonly number[] = Array(d).fill(0);

/** Post-LN (Vaswani et al. 2017, norm_first=False) or pre-LN (Xiong et al. 2020, norm_first=True). */
export type NormPlacement = 'post' | 'pre';
/** The feed-forward network's activation: ReLU (the 2017 paper) or exact GELU. */
export type BlockActivation = 'relu' | 'gelu';

/** One step of the walk through the layer. */
export interface BlockStep {
  readonly id: string;
  readonly label: string;
  readonly kind: 'attn' | 'res1' | 'ln1' | 'ff1' | 'ff2' | 'res2' | 'ln2';
}

const steps: Record<BlockStep['kind'], BlockStep> = {
  ln1: { id: 'ln1', label: 'LayerNorm 1', kind: 'ln1' },
  attn: { id: 'attn', label: 'multi-head self-attention', kind: 'attn' },
  res1: { id: 'res1', label: 'residual 1', kind: 'res1' },
  ln2: { id: 'ln2', label: 'LayerNorm 2', kind: 'ln2' },
  ff1: { id: 'ff1', label: 'feed-forward, inner layer', kind: 'ff1' },
  ff2: { id: 'ff2', label: 'feed-forward, outer layer', kind: 'ff2' },
  res2: { id: 'res2', label: 'residual 2', kind: 'res2' },
};

/** The walk for each placement: post-LN normalises after each residual sum, pre-LN before each sublayer. */
export const blockSteps: Record<NormPlacement, readonly BlockStep[]> = {
  post: [steps.attn, steps.res1, steps.ln1, steps.ff1, steps.ff2, steps.res2, steps.ln2],
  pre: [steps.ln1, steps.attn, steps.res1, steps.ln2, steps.ff1, steps.ff2, steps.res2],
};
