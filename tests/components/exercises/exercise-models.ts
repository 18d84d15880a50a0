import type { Fields, StateOf } from '~lib/url/state.ts';
import type { ChallengeWidget } from '~components/exercises/schema.ts';
import { AttentionOrderState, attentionOrderFields } from '~components/state/models/attention-order.svelte.ts';
import { BahdanauState, bahdanauFields } from '~components/state/models/bahdanau.svelte.ts';
import { CostState, costFields } from '~components/state/models/cost-plot.svelte.ts';
import { DecodingSearchState, decodingSearchFields } from '~components/state/models/decoding-search.svelte.ts';
import { BottleneckState, bottleneckFields } from '~components/state/models/encoder-bottleneck.svelte.ts';
import { GruState, gruFields } from '~components/state/models/gru-cell.svelte.ts';
import { LstmState, lstmFields } from '~components/state/models/lstm-cell.svelte.ts';
import { MultiHeadState, multiHeadFields } from '~components/state/models/multi-head.svelte.ts';
import {
  PositionalEncodingState,
  positionalEncodingFields,
} from '~components/state/models/positional-encoding.svelte.ts';
import { MemoryModel, memoryFields } from '~components/state/models/rnn-memory.svelte.ts';
import { ScoresState, scoreFields } from '~components/state/models/score-functions.svelte.ts';
import { SelfAttentionState, selfAttentionFields } from '~components/state/models/self-attention.svelte.ts';
import { SoftmaxState, softmaxFields } from '~components/state/models/softmax.svelte.ts';
import { TransformerBlockState, transformerBlockFields } from '~components/state/models/transformer-block.svelte.ts';
import { readSnapshot } from '~components/widgets/lab/pretrained-alignment.svelte.ts';
import translate from '../../../public/snapshots/translate-attention.json?raw';

/** The translator the decoding widgets fetch, read once from the file (restore then decodes at once). */
const translator = readSnapshot('translate-attention', translate);

/** A state class as the tests build it: fresh, then restored (method syntax: any widget's restore fits). */
interface Buildable {
  restore(state: StateOf<Fields>): void;
}

/** How to build each widget's state class outside the browser, for the challenge tests. */
export const challengeModels: Partial<Record<ChallengeWidget, { make: () => Buildable; fields: Fields }>> = {
  bahdanau: { make: () => new BahdanauState(), fields: bahdanauFields },
  'multi-head': { make: () => new MultiHeadState(), fields: multiHeadFields },
  'cost-plot': { make: () => new CostState(), fields: costFields },
  softmax: { make: () => new SoftmaxState(), fields: softmaxFields },
  'score-functions': { make: () => new ScoresState(), fields: scoreFields },
  'gru-cell': { make: () => new GruState(), fields: gruFields },
  'lstm-cell': { make: () => new LstmState(), fields: lstmFields },
  'rnn-memory': { make: () => new MemoryModel(), fields: memoryFields },
  'encoder-bottleneck': { make: () => new BottleneckState(), fields: bottleneckFields },
  'attention-order': { make: () => new AttentionOrderState(), fields: attentionOrderFields },
  'positional-encoding': { make: () => new PositionalEncodingState(), fields: positionalEncodingFields },
  'self-attention': { make: () => new SelfAttentionState(), fields: selfAttentionFields },
  'transformer-block': { make: () => new TransformerBlockState(), fields: transformerBlockFields },
  'decoding-search': {
    make: () => {
      const m = new DecodingSearchState();
      m.use(translator);
      return m;
    },
    fields: decodingSearchFields,
  },
};
