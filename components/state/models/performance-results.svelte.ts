import { choiceField, type StateOf } from '~lib/url/state.ts';

/** Which part of the results the Performance widget shows. */
export const perfViews = ['engine', 'weight', 'latency'] as const;
export type PerfView = (typeof perfViews)[number];

export const perfFields = { view: choiceField(perfViews, 'engine') };

/** The Performance widget's state: only the chosen view (the results are fixed at build time). */
export class PerfState {
  #view = $state<PerfView>('engine');

  get view(): PerfView {
    return this.#view;
  }

  set view(v: PerfView) {
    this.#view = v;
  }

  restore(s: StateOf<typeof perfFields>): void {
    this.#view = s.view;
  }

  snapshot(): StateOf<typeof perfFields> {
    return { view: this.#view };
  }
}
