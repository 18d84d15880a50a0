import type { Normaliser } from '~components/state/models/self-attention.svelte.ts';

/** How the formulas name each way of turning scores into weights. */
export const normaliserTex: Record<Normaliser, string> = {
  softmax: String.raw`\operatorname{softmax}`,
  sparsemax: String.raw`\operatorname{sparsemax}`,
  relu: String.raw`\operatorname{ReLU\text{-}ratio}`,
};
