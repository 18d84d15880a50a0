import * as v from 'valibot';
import { type DecodeSettings, decodeSettingsSchema, defaultDecodeSettings } from '~lib/decoding/run.ts';
import { field, type StateOf } from '~lib/url/state.ts';
import { defaultInputs } from '~components/widgets/lab/tokens.ts';
import { DecodingState } from './decoding.svelte.ts';

const d = defaultDecodeSettings;

/** The search widget's link state: the typed input ('' = the task's default), every setting, the tree step. */
export const decodingSearchFields = {
  in: field(v.pipe(v.string(), v.maxLength(160)), ''),
  m: field(decodeSettingsSchema.method, d.method),
  k: field(decodeSettingsSchema.width, d.width),
  a: field(decodeSettingsSchema.alpha, d.alpha),
  T: field(decodeSettingsSchema.temperature, d.temperature),
  tk: field(decodeSettingsSchema.topK, d.topK),
  tp: field(decodeSettingsSchema.topP, d.topP),
  s: field(decodeSettingsSchema.seed, d.seed),
  /** Decoder steps shown in the tree (−1 = all). */
  t: field(v.pipe(v.number(), v.integer(), v.minValue(-1), v.maxValue(60)), -1),
};

/** The search widget's state as it travels in a link. */
export type DecodingSearchLink = StateOf<typeof decodingSearchFields>;

/**
 * The greedy/beam/sampling widget's state: a DecodingState that also remembers what the reader typed and how
 * far the beam tree is stepped, so the whole widget goes into a link and comes back from one (and a challenge's
 * "Show me" can set it). A new input or setting shows the whole tree again.
 */
export class DecodingSearchState extends DecodingState {
  #typed = $state('');
  #upTo = $state(-1);

  /** The input as typed or linked ('' until the reader types: the task's default sentence). */
  get typed(): string {
    return this.#typed;
  }
  /** The last beam step drawn (−1 = all of them). */
  get upTo(): number {
    return this.#upTo;
  }

  /** Shows the beam tree up to step t (−1 = all). */
  setUpTo(t: number): void {
    this.#upTo = t;
  }

  override setInput(text: string): void {
    this.#typed = text;
    this.#upTo = -1;
    super.setInput(text);
  }

  override setSettings(patch: Partial<DecodeSettings>): void {
    this.#upTo = -1;
    super.setSettings(patch);
  }

  /** The link state. */
  snapshot(): DecodingSearchLink {
    const s = this.settings;
    const { method: m, width: k, alpha: a, temperature: T, topK: tk, topP: tp, seed } = s;
    return { in: this.#typed, m, k, a, T, tk, tp, s: seed, t: this.#upTo };
  }

  /** Applies a link state; once the weights are in, it decodes at once (load decodes it otherwise). */
  restore(l: DecodingSearchLink): void {
    const settings: DecodeSettings = {
      method: l.m,
      width: l.k,
      alpha: l.a,
      temperature: l.T,
      topK: l.tk,
      topP: l.tp,
      seed: l.s,
    };
    const loaded = this.weights;
    if (loaded === undefined) {
      this.#typed = l.in;
      super.setInput(l.in);
      super.setSettings(settings);
    } else {
      this.setInput(l.in || defaultInputs[loaded.task]);
      this.#typed = l.in;
      super.setSettings(settings);
      this.flush();
    }
    this.#upTo = l.t;
  }
}
