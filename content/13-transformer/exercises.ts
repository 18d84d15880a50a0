import { formatNumber } from '~lib/ui/format.ts';
import { argmax } from '~components/exercises/answers.ts';
import { challenge, chapterExercises } from '~components/exercises/schema.ts';
import { blockInputs } from '~components/state/data/transformer-block-params.ts';
import { CrossAttentionState, sourceWords, targetWords } from '~components/state/models/cross-attention.svelte.ts';
import { TransformerBlockState } from '~components/state/models/transformer-block.svelte.ts';

/** One encoder layer's parameters by part, for the 2017 base sizes (d = 512, d_ff = 2048). */
function baseLayerParts(): Map<string, number> {
  const m = new TransformerBlockState();
  m.setCountSizes(512, 2048);
  return new Map(m.counts.encoder.map((p) => [p.part, p.count]));
}

/** The largest difference, entry by entry, between any row of `rows` and the first. */
function rowSpread(rows: readonly (readonly number[])[]): number {
  const first = rows[0] ?? [];
  return Math.max(0, ...rows.flatMap((r) => r.map((x, j) => Math.abs(x - (first[j] ?? 0)))));
}

/** A part's count at the base sizes, in millions with two decimals. */
export const millions = (part: string) => formatNumber((baseLayerParts().get(part) ?? 0) / 1e6, 2);

const shareOptions = ['the multi-head attention', 'the feed-forward network', 'about the same in each'];

export default chapterExercises('transformer', [
  {
    id: 'transformer-where-the-weights-are',
    kind: 'predict',
    title: 'Where are the weights?',
    question:
      'In one encoder layer of the 2017 base model (d = 512, d_ff = 2048), which part holds more parameters: the multi-head self-attention (W_q, W_k, W_v, W_O and their biases) or the feed-forward network (W₁, W₂ and their biases)?',
    answer: {
      type: 'choice',
      options: shareOptions,
      correct: () => {
        const parts = baseLayerParts();
        const attention = parts.get('self-attention') ?? 0;
        const ffn = parts.get('feed-forward') ?? 0;
        if (Math.abs(attention - ffn) < 0.1 * Math.max(attention, ffn)) return 2;
        return attention > ffn ? 0 : 1;
      },
    },
    explanation: `Attention has four d × d matrices, 4d² plus biases: ${millions('self-attention')} million parameters, however many heads share them. The feed-forward network has two matrices of d × d_ff, and with d_ff = 4d that is 8d² plus biases: ${millions('feed-forward')} million, twice as many. The sublayer that mixes tokens is the smaller one; most of a Transformer’s weights work on each token alone.`,
  },
  {
    id: 'transformer-final-norm',
    kind: 'open',
    title: 'One more norm at the top',
    question:
      'A stack of pre-LN layers ends with one extra LayerNorm after its last layer; a stack of post-LN layers needs none. Why?',
    modelAnswer:
      'A post-LN layer ends with a LayerNorm, so the stack’s output is already normalised: each row has mean 0 and variance 1 before γ₂ and β₂ are applied. A pre-LN layer ends with the plain sum S₁ + F; the norms only touch the inputs of the sublayers. Down the residual path every layer adds its attention and feed-forward outputs to the same vectors, so their scale grows with depth and nothing brings it back. The final LayerNorm gives the output projection and softmax inputs of a fixed scale, as post-LN’s last norm does.',
  },
  challenge({
    id: 'transformer-erase-the-tokens',
    widget: 'transformer-block',
    title: 'One output for every token',
    task: 'Without changing the token rows X, make the layer’s output Y the same vector for all three tokens.',
    start: {},
    solution: { g2: [0, 0, 0, 0] },
    says: {
      tokensChanged: () => 'the tokens X changed: press Reset and leave X as it is.',
      same: (mode: 'post' | 'pre') => `every row of Y is the same (in ${mode}-LN).`,
      differ: (spread: number) => `the rows of Y still differ by up to ${formatNumber(spread, 3)} in one entry.`,
    },
    check: (m, say) => {
      if (JSON.stringify(m.inputs) !== JSON.stringify(blockInputs))
        return { solved: false, detail: say.tokensChanged() };
      const spread = rowSpread(m.result.Y);
      const solved = spread <= 1e-4;
      return { solved, detail: solved ? say.same(m.mode === 'post' ? 'post' : 'pre') : say.differ(spread) };
    },
    hints: [
      'In post-LN the output is LayerNorm 2’s output: γ₂ ⊙ x̂ + β₂.',
      'x̂ differs from token to token, β₂ does not. What if nothing of x̂ gets through?',
      'Set all four entries of γ₂ to 0 (in post-LN).',
    ],
    explanation:
      'With γ₂ = 0 every token’s output is β₂: the normalised row is multiplied by zero and the learned shift is all that is left. It shows what γ and β are, a gain per feature on what the token computed and a constant that does not depend on it. In pre-LN the same γ₂ = 0 only silences the input of the feed-forward network; the residual sum still carries each token through, untouched by either norm.',
  }),
  {
    id: 'transformer-cross-look',
    kind: 'predict',
    title: 'Where does “noir” look?',
    question: `In the widget below, the decoder has produced “${targetWords.join(' ')}” and the encoder has read “${sourceWords.join(' ')}”. Which source word does the query of “${targetWords[2]}” give the largest weight?`,
    answer: {
      type: 'pick',
      options: [...sourceWords],
      correct: () => argmax(new CrossAttentionState().result.A[2] ?? []),
    },
    explanation:
      'Its decoder state points mostly along the second direction, and the encoder output of “black” is the one that points that way, so their projected query and key have the largest dot product. “chat” and “noir” come in the opposite order to “black cat”: the rows of A cross, as Bahdanau’s alignment maps did for the same kind of word-order swap.',
  },
]);
