import { formatNumber } from '~lib/ui/format.ts';
import { presetState } from '~components/exercises/gated.ts';
import { modelAt } from '~components/exercises/model-at.ts';
import { challenge, chapterExercises } from '~components/exercises/schema.ts';
import { gruPresets } from '~components/state/data/gated-presets.ts';
import { GruState, gruFields } from '~components/state/models/gru-cell.svelte.ts';

const mixed = presetState(gruPresets(), 'mixed');
/** The update gate's input biases: rows 3 and 4 of b_ih (blocks r, z, n; two units each). */
const withUpdateBias = (b: number) => ({ ...mixed, p: '', bi: mixed.bi.map((r, k) => (k === 2 || k === 3 ? [b] : r)) });

/** The largest |entry| of one trace symbol over every step and unit. */
const largest = (m: GruState, symbol: string) =>
  Math.max(...m.result.steps.flatMap((s) => (s[symbol] ?? []).map((x) => Math.abs(x))));

export default chapterExercises('gru', [
  {
    id: 'gru-overwrite',
    kind: 'predict',
    title: 'An update gate at zero',
    question: 'Pick the preset “Overwrite (z ≈ 0)”. After each step, what is h_t closest to?',
    answer: {
      type: 'choice',
      options: ['h_{t−1}, the previous state', 'h̃_t, the candidate', 'Zero', 'The average of h_{t−1} and h̃_t'],
      correct: () => {
        const m = modelAt(() => new GruState(), gruFields, presetState(gruPresets(), 'overwrite'));
        const gap = (f: (s: Readonly<Record<string, readonly number[]>>) => readonly number[]) =>
          Math.max(...m.result.steps.flatMap((s) => (s.h ?? []).map((h, k) => Math.abs(h - (f(s)[k] ?? Number.NaN)))));
        const candidates = [
          gap((s) => s.h_prev ?? []),
          gap((s) => s.h̃_cho ?? []),
          gap((s) => (s.h ?? []).map(() => 0)),
        ];
        return candidates.indexOf(Math.min(...candidates));
      },
    },
    explanation:
      'h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ h̃_t, and with z ≈ σ(−8) ≈ 0.0003 the first term vanishes: every step replaces the state by the candidate. That is a plain recurrent cell with a tanh, memory of one step only.',
  },
  challenge({
    id: 'gru-ignore-inputs',
    widget: 'gru-cell',
    title: 'Hold the state against the inputs',
    task: 'From “Mixed gates”, change only the update gate’s biases so that h stays within 0.01 of its start (0) at every step, while the candidate h̃ keeps proposing values of 0.3 or more. Leave the inputs as they are.',
    start: mixed,
    solution: withUpdateBias(8),
    says: {
      inputsChanged: () => 'the inputs have changed; pick the preset again to restore them.',
      largest: (h: number, candidate: number) =>
        `the largest |h| is ${formatNumber(h, 3)} (0.01 allowed), the largest |h̃| ${formatNumber(candidate, 3)}.${candidate < 0.3 ? ' The candidate must still propose something.' : ''}`,
    },
    check: (m, say) => {
      const inputsKept = m.inputs.every((x, t) => x.every((v, k) => v === mixed.X[t]?.[k]));
      if (!inputsKept) return { solved: false, detail: say.inputsChanged() };
      const h = largest(m, 'h');
      const candidate = largest(m, m.variant === 'cho' ? 'h̃_cho' : 'h̃_pytorch');
      return { solved: h <= 0.01 && candidate >= 0.3, detail: say.largest(h, candidate) };
    },
    hints: [
      'Which gate decides how much of the old state is kept?',
      'The update gate z. Its input biases are rows 3 and 4 of b_ih (the blocks are r, z, n).',
      'Set both to 8: z = σ(8 + …) ≈ 1 at every step, and h_t ≈ h_{t−1} = 0.',
    ],
    explanation:
      'With z ≈ 1 the update h_t = z ⊙ h_{t−1} + (1 − z) ⊙ h̃_t copies the old state and lets only a sliver (1 − z ≈ 0.0003) of the candidate in. The candidate is still computed from every input; the gate simply refuses it. A GRU learns to hold a unit this way for as long as its value matters.',
  }),
  {
    id: 'gru-variants-agree',
    kind: 'open',
    title: 'When do Cho and PyTorch agree?',
    question:
      'Cho’s candidate multiplies h_{t−1} by r before the matrix W_hn; PyTorch’s multiplies (W_hn h_{t−1} + b_hn) by r after it. For which values of r (and b_hn) do the two candidates agree, and why?',
    modelAnswer:
      'Cho computes W_hn (r ⊙ h) + b_hn, PyTorch r ⊙ (W_hn h + b_hn). At r = 1 both are W_hn h + b_hn. At r = 0, Cho’s is b_hn and PyTorch’s is 0, so they agree when b_hn = 0 (the “Reset” preset). In between they differ: PyTorch scales each row’s whole sum, bias included, while Cho scales the entries of h that enter every row. The difference is small in practice, and PyTorch’s form lets all three blocks share one matrix product.',
  },
]);
