/**
 * One decoding run with the reader's settings: greedy, beam (its tree) or
 * a few seeded samples, over any StepModel. Pure, so the widgets' state
 * classes and the lab share it, and unit tests need no browser.
 */
import * as v from 'valibot';
import {
  type BeamResult,
  beamSearch,
  EOS_ID,
  type ForcedDecode,
  forcedDecode,
  type Sample,
  type StepModel,
  sampleDecode,
} from '~engine/index.ts';

/** How to decode. */
export type DecodeMethod = 'greedy' | 'beam' | 'sample';

/** The beam widths the decoding controls offer. */
export const beamWidths = { min: 1, max: 8 } as const;

/** The decoding controls' values, as they travel in a link. */
export const decodeSettingsSchema = {
  method: v.picklist(['greedy', 'beam', 'sample']),
  width: v.pipe(v.number(), v.integer(), v.minValue(beamWidths.min), v.maxValue(beamWidths.max)),
  alpha: v.pipe(v.number(), v.minValue(0), v.maxValue(2)),
  temperature: v.pipe(v.number(), v.minValue(0), v.maxValue(5)),
  topK: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(40)),
  topP: v.pipe(v.number(), v.minValue(0.01), v.maxValue(1)),
  seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31)),
};

/** Decoding settings. */
export interface DecodeSettings {
  readonly method: DecodeMethod;
  readonly width: number;
  readonly alpha: number;
  readonly temperature: number;
  readonly topK: number;
  readonly topP: number;
  readonly seed: number;
}

/** Defaults: beam of width 3 without length normalisation; sampling at T = 1 with no cut. */
export const defaultDecodeSettings: DecodeSettings = {
  method: 'beam',
  width: 3,
  alpha: 0,
  temperature: 1,
  topK: 0,
  topP: 1,
  seed: 1,
};

/** The settings as a string that is equal exactly when every setting is (field order fixed here, not by the object). */
export function settingsKey(s: DecodeSettings): string {
  return JSON.stringify([s.method, s.width, s.alpha, s.temperature, s.topK, s.topP, s.seed]);
}

/**
 * Where a reader on the beam-width slider goes next: `s` with the widths beside its own (beam search only). The
 * decoding widgets have these decoded ahead once an answer is shown, so a step of the slider shows in its own frame.
 */
export function widthsBeside(s: DecodeSettings): DecodeSettings[] {
  if (s.method !== 'beam') return [];
  return [s.width - 1, s.width + 1]
    .filter((width) => width >= beamWidths.min && width <= beamWidths.max)
    .map((width) => ({ ...s, width }));
}

/** How many samples a sampling run draws (seeds seed, seed + 1, …). */
export const SAMPLE_COUNT = 5;

/** A run's output: the chosen ids (no <eos>), Σ log p under the model, α rows, and what the method adds. */
export interface DecodeRun {
  readonly method: DecodeMethod;
  readonly ids: number[];
  readonly logProb: number;
  /** exp(−Σ log p / N) over the N emitted tokens (<eos> included when emitted). */
  readonly perplexity: number;
  readonly alphas: number[][];
  /** Beam only: the search tree. */
  readonly beam?: BeamResult;
  /** Sampling only: every draw, first = the one shown. */
  readonly samples?: readonly (Sample & { readonly seed: number })[];
}

const idsOf = (d: ForcedDecode) => d.steps.map((s) => s.token).filter((t) => t !== EOS_ID);
const alphasOf = (d: ForcedDecode) => d.steps.map((s) => s.alpha).filter((a) => a.length > 0);

/** Decodes with `settings`, at most maxLength tokens. */
export function runDecode<S>(model: StepModel<S>, settings: DecodeSettings, maxLength: number): DecodeRun {
  if (settings.method === 'beam') {
    const beam = beamSearch(model, { width: settings.width, maxLength, alpha: settings.alpha });
    const best = beam.hypotheses[0];
    if (best === undefined) throw new Error('beam search returned nothing');
    const n = best.ids.length + (best.finished ? 1 : 0);
    return {
      method: 'beam',
      ids: best.ids,
      logProb: best.logProb,
      perplexity: Math.exp(-best.logProb / Math.max(1, n)),
      alphas: best.alphas,
      beam,
    };
  }
  if (settings.method === 'sample') {
    const samples = Array.from({ length: SAMPLE_COUNT }, (_, k) => ({
      ...sampleDecode(model, { ...settings, seed: settings.seed + k, maxLength }),
      seed: settings.seed + k,
    }));
    const first = samples[0] as Sample;
    const { logProb, perplexity } = first;
    return { method: 'sample', ids: idsOf(first), logProb, perplexity, alphas: alphasOf(first), samples };
  }
  return greedyRun(forcedDecode(model, [], maxLength));
}

/** A greedy run from the free-running decode that is one (a caller that already has it need not decode again). */
export function greedyRun(g: ForcedDecode): DecodeRun {
  return { method: 'greedy', ids: idsOf(g), logProb: g.logProb, perplexity: g.perplexity, alphas: alphasOf(g) };
}

/** The ids of a forced/free decode without <eos>, and its α rows. */
export function decodedIds(d: ForcedDecode): { ids: number[]; alphas: number[][] } {
  return { ids: idsOf(d), alphas: alphasOf(d) };
}
