import type { Normaliser } from '~engine/models/attention-normalisers.ts';

/** How the formulas name each way of turning scores into weights. */
export const normaliserTex: Record<Normaliser, string> = {
  softmax: String.raw`\operatorname{softmax}`,
  sparsemax: String.raw`\operatorname{sparsemax}`,
  relu: String.raw`\operatorname{ReLU\text{-}ratio}`,
};
