import type { GatePreset } from '../state/data/gated-presets.ts';
import { type GatedSnapshot, presetValues } from '../state/models/gated-cell.svelte.ts';

/** A GRU or LSTM widget's link state for one of its presets: every matrix and the inputs, at the first step. */
export function presetState(presets: readonly GatePreset[], id: string): Omit<GatedSnapshot, 's'> {
  const p = presets.find((q) => q.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  const v = presetValues(p.weights);
  const copy = (m: number[][] | undefined) => (m ?? []).map((r) => [...r]);
  return {
    p: id,
    Wi: copy(v.W_ih),
    Wh: copy(v.W_hh),
    bi: copy(v.b_ih),
    bh: copy(v.b_hh),
    X: copy(p.inputs),
    t: 0,
  };
}
