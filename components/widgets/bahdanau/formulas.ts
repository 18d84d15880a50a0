import { m } from '~lib/i18n/messages.ts';
import type { LiveSymbol } from '~lib/tex/live.ts';
import type { WalkStep, Walkthrough } from '~components/state/models/bahdanau.svelte.ts';

/** The live formula of one stop of the walkthrough. */
export interface StopFormula {
  readonly label: string;
  readonly template: string;
  readonly symbols: Record<string, LiveSymbol>;
  readonly current: string;
}

/** Each stop's formula; its label is a catalog message, called when the formula is built (while rendering). */
const templates = {
  encoder: {
    label: m.widget_bahdanau_formula_annotation,
    template: String.raw`{{H}} = \begin{bmatrix} {{h_fwd}} \\ {{h_bwd}} \end{bmatrix}`,
    current: 'H',
  },
  pairs: {
    label: m.widget_bahdanau_formula_pairs,
    template: String.raw`\big[\,{{s_prev}}\,;\ {{H}}\,\big], \quad j = 1, \dots, 4`,
    current: 'pair',
  },
  scores: {
    label: m.widget_bahdanau_formula_score,
    template: String.raw`{{e}} = {{v_a}}^{\top} \tanh\!\big({{W_a}}\,{{s_prev}} + {{U_a}}\,{{H}}\big)`,
    current: 'e',
  },
  weights: {
    label: m.widget_bahdanau_formula_weight,
    template: String.raw`{{alpha}} = \frac{\exp({{e}})}{\sum_{k=1}^{4} \exp(e_{ik})}`,
    current: 'alpha',
  },
  context: {
    label: m.widget_bahdanau_formula_context,
    template: String.raw`{{c}} = \sum_{j=1}^{4} {{alpha}}\, {{H}}`,
    current: 'c',
  },
  decoder: {
    label: m.widget_bahdanau_formula_decoder,
    template: String.raw`{{s}} = \mathrm{GRU}\big([{{y_prev}};\ {{c}}],\ {{s_prev}}\big), \quad {{y}} = W_y {{s}} + b_y`,
    current: 's',
  },
} as const;

/** The formula for a stop, with every symbol bound to the walkthrough's current numbers. */
export function formulaFor(
  stop: Pick<WalkStep, 'i' | 'phase'>,
  walk: Walkthrough | undefined,
  weights: Readonly<Record<string, readonly (readonly number[])[]>>,
): StopFormula {
  const i = Math.max(1, stop.i);
  const step = walk?.steps[i - 1];
  const prev = walk?.steps[i - 2];
  const t = templates[stop.phase];
  const symbols: Record<string, LiveSymbol> = {
    H: { tex: 'h_j', value: walk?.annotations ?? [] },
    h_fwd: { tex: String.raw`\overrightarrow{h}_j`, value: walk?.forward ?? [] },
    h_bwd: { tex: String.raw`\overleftarrow{h}_j`, value: walk?.backward ?? [] },
    s_prev: { tex: `s_{${i - 1}}`, value: step?.sPrev ?? [] },
    e: { tex: `e_{${i}j}`, value: step?.e ?? [] },
    alpha: { tex: String.raw`\alpha_{${i}j}`, value: step?.alpha ?? [] },
    c: { tex: `c_{${i}}`, value: step?.c ?? [] },
    s: { tex: `s_{${i}}`, value: step?.s ?? [] },
    y: { tex: `y_{${i}}`, value: step?.y ?? [] },
    y_prev: { tex: `y_{${i - 1}}`, value: prev?.y ?? (step?.y ?? []).map(() => 0) },
    W_a: { tex: 'W_a', value: weights.W_a ?? [] },
    U_a: { tex: 'U_a', value: weights.U_a ?? [] },
    v_a: { tex: String.raw`\kappa v_a`, value: walk?.vScaled ?? [] },
  };
  const used = Object.fromEntries(Object.entries(symbols).filter(([name]) => t.template.includes(`{{${name}}}`)));
  return { label: t.label(), template: t.template, symbols: used, current: t.current };
}
