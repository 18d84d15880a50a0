/**
 * The lab's settings as engine configs: input sizes per task, the
 * comparison twin's attention, and the Trainer config (shared by the
 * session and the weights-file import).
 */
import type { Seq2SeqConfig, TrainerConfig } from '~engine/index.ts';
import type { LabAttention, LabSettings } from './protocol.ts';

/** Gradient clipping at global norm 5, as in the committed snapshots. */
export const LAB_CLIP = 5;

/** The model sizes a weights file may carry beyond what the settings express (LSTM encoder, other S or A). */
export interface ModelExtras {
  encoder: Seq2SeqConfig['encoder'];
  gruVariant?: NonNullable<Seq2SeqConfig['gruVariant']>;
  decoderHidden?: number;
  attentionSize?: number;
}

/** Input sizes the lab trains and evaluates on: dates ignore the size; phrases are capped at 6. */
export function labSizes(s: LabSettings): [number, number] {
  if (s.task === 'dates') return [1, 1];
  const cap = labSizeCap(s.task);
  const lo = Math.min(s.minLen, s.maxLen, cap);
  const hi = Math.min(Math.max(s.minLen, s.maxLen), cap);
  return [lo, hi];
}

/** The largest input size the lab draws for a task (noun phrases for translate, digits otherwise). */
export function labSizeCap(task: LabSettings['task']): number {
  return task === 'translate' ? 6 : 16;
}

/** The attention choice of the comparison twin: none for any attention model, Bahdanau for none and for the Transformer. */
export function twinAttention(a: LabAttention): LabAttention {
  return a === 'none' || a === 'transformer' ? 'bahdanau' : 'none';
}

/**
 * The Transformer's sizes from the lab's sliders: d_model = the GRU's
 * annotation width 2·hidden (rounded up to a multiple of the 4 heads), 2
 * layers per stack, feed-forward 2·d_model, pre-LN, ReLU.
 */
export function transformerModel(s: LabSettings) {
  const d = Math.ceil((2 * s.hidden) / 4) * 4;
  return { heads: 4, layers: 2, ffn: 2 * d, normFirst: true, activation: 'relu' as const, d };
}

/** The engine's trainer config for the lab's settings (optionally with another attention kind). */
export function trainerConfig(
  s: LabSettings,
  attention: LabAttention = s.attention,
  extras: ModelExtras = { encoder: 'gru' },
): TrainerConfig {
  const [lo, hi] = labSizes(s);
  const t = transformerModel(s);
  const model =
    attention === 'transformer'
      ? {
          embed: t.d,
          hidden: s.hidden,
          encoder: 'gru' as const,
          attention,
          heads: t.heads,
          layers: t.layers,
          ffn: t.ffn,
          normFirst: t.normFirst,
          activation: t.activation,
        }
      : { embed: s.embed, hidden: s.hidden, ...extras, attention };
  return {
    task: s.task,
    sizes: lo === hi ? lo : [lo, hi],
    batchSize: s.batch,
    model,
    optimizer: { kind: 'adam', lr: s.lr },
    clip: LAB_CLIP,
    seed: s.seed,
  };
}
