/**
 * Inputs where the pretrained English → French model's decoders disagree,
 * found by searching sampled sentences (tests/engine/decode-pretrained.test.ts
 * repeats the search and checks that each preset still shows what it names).
 */

import { m } from '~lib/i18n/messages.ts';

/** A decoding preset: an input and the decoder settings that show something. */
export interface DecodingPreset {
  /** Short label for the preset buttons (its catalog message, called where it is shown). */
  readonly label: () => string;
  readonly input: string;
  readonly method: 'greedy' | 'beam' | 'sample';
  readonly width: number;
  /** Length-normalisation exponent α. */
  readonly alpha: number;
}

/** Five noun phrases (training saw one to four): greedy writes "fleur verte", beam finds "fleur bleue". */
export const beamFixes: DecodingPreset = {
  label: m.widget_decoding_search_preset_beam_fixes,
  input: 'the small blue cat likes the small house follows the black car sees the blue flower sees the green bird',
  method: 'beam',
  width: 3,
  alpha: 0,
};

/** Five noun phrases: beam with α = 0 prefers a short output that skips two of them; α = 1 restores greedy's longer one. */
export const beamTooShort: DecodingPreset = {
  label: m.widget_decoding_search_preset_beam_too_short,
  input:
    'the small red table likes the flower follows the small red house follows the small white dog follows the green car',
  method: 'beam',
  width: 3,
  alpha: 0,
};

/** An easy sentence: every method agrees. */
export const easy: DecodingPreset = {
  label: m.widget_decoding_search_preset_easy,
  input: 'the big red car sees the small dog',
  method: 'greedy',
  width: 3,
  alpha: 0,
};

/** The presets in the order the widget offers them. */
export const decodingPresets: readonly DecodingPreset[] = [easy, beamFixes, beamTooShort];
