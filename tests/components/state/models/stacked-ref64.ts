import { blockInputs, blockWeights } from '~components/state/data/transformer-block-params.ts';
import { secondLayerWeights } from '~components/state/models/stacked-layers.svelte.ts';
import { encoderLayer64, layerNorm64, type M, multiHead64 } from '../../../reference/float64/index.ts';

/* The stacked-layers widget's two encoder layers in float64 (unit test and browser test share it). */
const ones = [1, 1, 1, 1];
const zeros = [0, 0, 0, 0];
const norms = { g1: ones, b1: zeros, g2: ones, b2: zeros };

type W = typeof blockWeights | typeof secondLayerWeights;

/** Float64: both layers, the head-mean weights of each, layer 2 on X, and ‖∂Y¹ᵢ/∂Xⱼ‖ by central differences. */
export function stackedReference(pre: boolean) {
  const layer = (X: M, w: W) => encoderLayer64(X, w as never, norms, { pre, gelu: false, heads: 2 });
  /** Head-mean self-attention weights of layer w on X (it reads LN₁(X) in pre-LN). */
  const weights = (X: M, w: W) => {
    const input = pre ? layerNorm64(X, ones, zeros) : X;
    const hs = multiHead64(input, 2, w.in_proj_weight, w.in_proj_bias, w.out_proj_weight, w.out_proj_bias).weights;
    return (hs[0] as number[][]).map((row, i) =>
      row.map((a, j) => (a + ((hs[1] as number[][])[i]?.[j] as number)) / 2),
    );
  };
  const Y1 = layer(blockInputs, blockWeights).Y;
  const Y2 = layer(Y1, secondLayerWeights).Y;
  const A = {
    A1: weights(blockInputs, blockWeights),
    A2: weights(Y1, secondLayerWeights),
    A2onX: weights(blockInputs, secondLayerWeights),
  };
  const h = 1e-6;
  const reach = blockInputs.map((_, i) =>
    blockInputs.map((__, j) => {
      let s = 0;
      for (let c = 0; c < 4; c++) {
        const bump = (dx: number) =>
          layer(
            blockInputs.map((r, jj) => r.map((v, cc) => (jj === j && cc === c ? v + dx : v))),
            blockWeights,
          ).Y[i] as number[];
        const up = bump(h);
        const down = bump(-h);
        for (let e = 0; e < 4; e++) s += (((up[e] as number) - (down[e] as number)) / (2 * h)) ** 2;
      }
      return Math.sqrt(s);
    }),
  );
  return { Y1, Y2, reach, ...A };
}
