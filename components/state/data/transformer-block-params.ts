import { m } from '~lib/i18n/messages.ts';
import { randomMatrix } from '~lib/random/seeds.ts';

/** Model width d, heads, feed-forward width d_ff and tokens of the widget's layer. */
export const blockSizes = { d: 4, heads: 2, dff: 8, n: 3 } as const;

/** The three tokens the layer reads (ids; blockTokenWords gives the words the reader sees). */
export const blockTokens = ['the', 'cat', 'sat'] as const;

/** The tokens in the page's language (call while rendering). */
export function blockTokenWords(): string[] {
  return [
    m.widget_transformer_block_token_the(),
    m.widget_transformer_block_token_cat(),
    m.widget_transformer_block_token_sat(),
  ];
}

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
  /** What the counter says, in the page's language (a getter: read while rendering). */
  readonly label: string;
  readonly kind: 'attn' | 'res1' | 'ln1' | 'ff1' | 'ff2' | 'res2' | 'ln2';
}

/** A step whose label is its catalog message, called each time the label is read. */
const step = (kind: BlockStep['kind'], label: () => string): BlockStep => ({
  id: kind,
  kind,
  get label() {
    return label();
  },
});

const steps: Record<BlockStep['kind'], BlockStep> = {
  ln1: step('ln1', () => m.widget_transformer_block_step_ln({ which: 1 })),
  attn: step('attn', m.widget_transformer_block_step_attn),
  res1: step('res1', () => m.widget_transformer_block_step_res({ which: 1 })),
  ln2: step('ln2', () => m.widget_transformer_block_step_ln({ which: 2 })),
  ff1: step('ff1', m.widget_transformer_block_step_ff1),
  ff2: step('ff2', m.widget_transformer_block_step_ff2),
  res2: step('res2', () => m.widget_transformer_block_step_res({ which: 2 })),
};

/** The walk for each placement: post-LN normalises after each residual sum, pre-LN before each sublayer. */
export const blockSteps: Record<NormPlacement, readonly BlockStep[]> = {
  post: [steps.attn, steps.res1, steps.ln1, steps.ff1, steps.ff2, steps.res2, steps.ln2],
  pre: [steps.ln1, steps.attn, steps.res1, steps.ln2, steps.ff1, steps.ff2, steps.res2],
};
