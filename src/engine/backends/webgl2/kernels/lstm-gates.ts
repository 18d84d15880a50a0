import type { Kernel } from '../../../registry.ts';
import { LSTM_BLOCKS } from '../../../symbols.ts';
import { glKernel, input } from './kernel.ts';

/** The block (g) whose activation is tanh; the others are σ. */
const tanhBlock = LSTM_BLOCKS.findIndex((b) => b.activation === 'tanh');

/**
 * All four LSTM gates in one pass (PyTorch order i, f, g, o: LSTM_BLOCKS):
 *   pre = W_ih x + b_ih + W_hh h + b_hh,  gates = (σ, σ, tanh, σ)(pre)
 * An output texel holds gate rows r0..r0+3 of one batch row; the weight rows
 * are read four columns at a time, so each step is five fetches for sixteen
 * multiply-adds. A texel may straddle two gate blocks when H is not a
 * multiple of 4, so the activation is chosen per lane.
 */
const body = `
uniform sampler2D x;
uniform sampler2D h;
uniform sampler2D wih;
uniform sampler2D whh;
uniform sampler2D bih;
uniform sampler2D bhh;
uniform ivec2 u_xDims;
uniform ivec2 u_hDims;
vec4 rowsTimes(sampler2D w, sampler2D v, int cols, int b, int r0) {
  vec4 acc = vec4(0.0);
  int rows = u_outDims.y;
  for (int k0 = 0; k0 < cols; k0 += 4) {
    vec4 vk = group4(v, cols, b, k0);
    vec4 w0 = group4(w, cols, r0, k0);
    vec4 w1 = r0 + 1 < rows ? group4(w, cols, r0 + 1, k0) : vec4(0.0);
    vec4 w2 = r0 + 2 < rows ? group4(w, cols, r0 + 2, k0) : vec4(0.0);
    vec4 w3 = r0 + 3 < rows ? group4(w, cols, r0 + 3, k0) : vec4(0.0);
    acc += vec4(dot(vk, w0), dot(vk, w1), dot(vk, w2), dot(vk, w3));
  }
  return acc;
}
vec4 compute(int b, int r0) {
  int hidden = u_hDims.y;
  vec4 pre = group4(bih, u_outDims.y, 0, r0) + group4(bhh, u_outDims.y, 0, r0);
  pre += rowsTimes(wih, x, u_xDims.y, b, r0) + rowsTimes(whh, h, hidden, b, r0);
  vec4 g = vec4(0.0);
  for (int l = 0; l < 4; l++) {
    int r = r0 + l;
    g[l] = r >= ${tanhBlock} * hidden && r < ${tanhBlock + 1} * hidden ? safeTanh(pre[l]) : safeSigmoid(pre[l]);
  }
  return g;
}`;

/** lstmGates(x, h, W_ih, W_hh, b_ih, b_hh) → [B, 4H] activated gates, one draw. */
export const lstmGatesKernel: Kernel = glKernel('lstmGates', (gpu, inputs, _attrs, provenance) => {
  const [x, h, wih, whh, bih, bhh] = [0, 1, 2, 3, 4, 5].map((i) => input(inputs, i));
  if (x === undefined || h === undefined || wih === undefined || whh === undefined || bih === undefined) {
    throw new RangeError('lstmGates needs six inputs');
  }
  if (bhh === undefined) throw new RangeError('lstmGates needs six inputs');
  const shape = [x.shape[0] ?? 1, 4 * (h.shape[1] ?? 0)];
  return gpu.run({ key: 'lstmGates', body: () => body, inputs: { x, h, wih, whh, bih, bhh }, shape }, provenance);
});
