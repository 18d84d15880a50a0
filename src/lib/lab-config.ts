/**
 * The lab's settings as engine configs: input sizes per task, the
 * comparison twin's attention, and the Trainer config (shared by the
 * session and the weights-file import).
 */
import type { Seq2SeqConfig, TrainerConfig } from '../engine/index.ts';
import type { LabAttention, LabSettings } from './lab-protocol.ts';

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
  const cap = s.task === 'translate' ? 6 : 16;
  const lo = Math.min(s.minLen, s.maxLen, cap);
  const hi = Math.min(Math.max(s.minLen, s.maxLen), cap);
  return [lo, hi];
}

/** The attention choice of the comparison twin: none for any attention model, Bahdanau for none. */
export function twinAttention(a: LabAttention): LabAttention {
  return a === 'none' ? 'bahdanau' : 'none';
}

/** The engine's trainer config for the lab's settings (optionally with another attention kind). */
export function trainerConfig(
  s: LabSettings,
  attention: LabAttention = s.attention,
  extras: ModelExtras = { encoder: 'gru' },
): TrainerConfig {
  const [lo, hi] = labSizes(s);
  return {
    task: s.task,
    sizes: lo === hi ? lo : [lo, hi],
    batchSize: s.batch,
    model: { embed: s.embed, hidden: s.hidden, ...extras, attention },
    optimizer: { kind: 'adam', lr: s.lr },
    clip: LAB_CLIP,
    seed: s.seed,
  };
}
