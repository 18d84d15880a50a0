import { formatNumber } from '~lib/ui/format.ts';
import { presetState } from '~components/exercises/gated.ts';
import { modelAt } from '~components/exercises/model-at.ts';
import { challenge, chapterExercises } from '~components/exercises/schema.ts';
import { lstmPresets } from '~components/state/data/gated-presets.ts';
import { LstmState, lstmFields } from '~components/state/models/lstm-cell.svelte.ts';

const forget = presetState(lstmPresets(), 'forget');
const writeRead = presetState(lstmPresets(), 'write-read');
/** Row 2 of b_ih is the forget gate's input bias (blocks i, f, g, o, one row each for H = 1). */
const withForgetBias = (s: typeof forget, b: number) => ({ ...s, p: '', bi: s.bi.map((r, k) => (k === 1 ? [b] : r)) });

/** A share as a percentage with one decimal. */
const pct = (x: number) => `${formatNumber(100 * x, 1)} %`;

/** The cell's value at every step (H = 1). */
const cells = (m: LstmState) => m.result.steps.map((s) => s.c?.[0] ?? Number.NaN);

export default chapterExercises('lstm', [
  {
    id: 'lstm-halving',
    kind: 'predict',
    title: 'A forget gate at one half',
    question:
      'In “Write once, read later”, set the forget bias (row 2 of b_ih) from 8 to 0, so f = σ(0) = 0.5 at every step. Step 1 writes about 0.90 into the cell. Predict c₆, the cell after step 6.',
    answer: {
      type: 'number',
      value: () => cells(modelAt(() => new LstmState(), lstmFields, withForgetBias(writeRead, 0)))[5] ?? Number.NaN,
      tolerance: 0.005,
    },
    explanation:
      'With the input gate closed after step 1 (i ≈ 0), each step only multiplies the cell by f = 0.5: c₆ = 0.5⁵ · c₁, about a thirtieth of what was written. A forget gate a little below 1 forgets geometrically, which is why a keep-gate needs to sit very close to 1 to carry a value far.',
  },
  challenge({
    id: 'lstm-keep-x1',
    widget: 'lstm-cell',
    title: 'Keep x₁ for six steps',
    task: 'From “Forget everything”, change only the forget gate’s weights so that the value written at step 1 stays in the cell, and shows in h, at every step up to 6: each cₜ and hₜ within 5 % of c₁ and h₁. The value channel must stay 0 after step 1 (no writing it again).',
    start: forget,
    solution: withForgetBias(forget, 8),
    says: {
      writtenAgain: () => 'a later step writes the value channel again; set it back to 0.',
      tooLittle: (c1: number) => `c₁ = ${formatNumber(c1, 3)}: step 1 writes too little.`,
      hidden: (h1: number) => `h₁ = ${formatNumber(h1, 3)}: the output gate hides the cell.`,
      drift: (c1: number, c6: number, dc: number, dh: number, solved: boolean) =>
        `c₁ = ${formatNumber(c1, 3)}, c₆ = ${formatNumber(c6, 3)}; the cell drifts by up to ${pct(dc)} and h by up to ${pct(dh)}${solved ? ': kept.' : ' (5 % allowed).'}`,
    },
    check: (m, say) => {
      if (m.inputs.slice(1).some((x) => x[0] !== 0)) return { solved: false, detail: say.writtenAgain() };
      const c = cells(m);
      const h = m.result.steps.map((s) => s.h?.[0] ?? Number.NaN);
      const c1 = c[0] ?? Number.NaN;
      const h1 = h[0] ?? Number.NaN;
      if (!(Math.abs(c1) >= 0.5)) return { solved: false, detail: say.tooLittle(c1) };
      if (!(Math.abs(h1) >= 0.3)) return { solved: false, detail: say.hidden(h1) };
      const drift = (v: number[], v1: number) => Math.max(...v.map((x) => Math.abs(x - v1) / Math.abs(v1)));
      const dc = drift(c, c1);
      const dh = drift(h, h1);
      const solved = c.length >= 6 && dc <= 0.05 && dh <= 0.05;
      return { solved, detail: say.drift(c1, c[5] ?? Number.NaN, dc, dh, solved) };
    },
    hints: [
      'The forget gate is f = σ(W_if x + b_if + W_hf h + b_hf). Which of those can you make large without touching the inputs?',
      'Its biases: row 2 of b_ih (or of b_hh). Right now b_if = −8, so f = σ(−8) ≈ 0.0003.',
      'Set row 2 of b_ih to 8: σ(8) ≈ 0.9997, and after five steps the cell keeps 0.9997⁵ ≈ 99.8 % of c₁.',
    ],
    explanation:
      'The cell update c_t = f_t · c_{t−1} + i_t · g_t keeps the old value by multiplication with f alone. With the input gate shut (i ≈ 0 while the value channel is 0) and f ≈ 1, nothing is added and nothing is lost: the cell is a memory. The same path carries gradients back through time without shrinking.',
  }),
  {
    id: 'lstm-param-count',
    kind: 'predict',
    title: 'Count the weights',
    question:
      'The widget further down runs one LSTM unit with input size 2 and hidden size 1. Counting every entry of W_ih, W_hh, b_ih and b_hh, how many parameters does it have?',
    answer: {
      type: 'number',
      value: () => {
        const values = Object.values(new LstmState().weights.values);
        return values.reduce((sum, w) => sum + w.reduce((a, r) => a + r.length, 0), 0);
      },
      tolerance: 0,
    },
    explanation:
      'Four blocks (i, f, g, o), each with I input weights, H recurrent weights and two biases per unit: 4 · (2 + 1 + 2) = 20. A plain recurrent unit of the same size has one block, 5 parameters: an LSTM layer has four times as many.',
  },
  {
    id: 'lstm-why-positive-bias',
    kind: 'open',
    title: 'Why start the forget bias positive?',
    question:
      'Many implementations initialise the forget gate’s bias to 1 or more instead of 0. What goes wrong early in training with a bias of 0, and what does the positive bias change?',
    modelAnswer:
      'With a bias of 0 and small random weights, f ≈ σ(0) = 0.5 at every step, so the cell halves each step: a value written t steps ago is scaled by 0.5^t, and so is the gradient flowing back along the cell. Early in training the network therefore cannot see, or learn from, anything more than a few steps back. A positive bias starts f near 1, so the cell remembers and gradients reach distant steps from the first update; the network can then learn to forget where it should.',
  },
]);
