import { softmax, tensor } from '~engine/index.ts';
import { formatNumber } from '~lib/ui/format.ts';
import { challenge, chapterExercises } from '~components/exercises/schema.ts';
import { float32Max, isDistribution, SoftmaxState } from '~components/state/models/softmax.svelte.ts';

const defaults = () => new SoftmaxState();
const probabilities = (z: readonly number[]) => softmax(tensor([...z])).toArray();
/** Probabilities as a short list (tiny ones in powers of ten, never a misleading 0.000). */
export const list = (p: readonly number[]) => p.map((x) => formatNumber(x, 3)).join(', ');
/** The naive-overflow challenge's solution: one logit large enough that e^z passes float32's largest number. */
export const overflowLogits = [100, 1, 0.1, -1];

export default chapterExercises('start-here', [
  {
    id: 'start-here-cat',
    kind: 'predict',
    title: 'How much does the leader get?',
    question:
      'The widget starts with logits 2 (cat), 1 (dog), 0.1 (car) and −1 (tree) at τ = 1. Before you look at its bars: what probability does softmax give “cat”?',
    answer: { type: 'number', value: () => defaults().result.probabilities[0] ?? Number.NaN, tolerance: 0.02 },
    explanation:
      'e² ≈ 7.39 against a total of e² + e¹ + e^0.1 + e^−1 ≈ 11.58, so cat gets about 0.64. Its logit is only twice dog’s, yet its share is e ≈ 2.7 times dog’s: the exponential turns differences of scores into ratios of probabilities.',
  },
  {
    id: 'start-here-shift',
    kind: 'predict',
    title: 'Add ten to every logit',
    question:
      'Add 10 to all four logits at once (cat 12, dog 11, car 10.1, tree 9). What happens to the probabilities?',
    answer: {
      type: 'choice',
      options: [
        'Nothing: every probability stays the same.',
        'Cat gains: the largest logit grows the most in e^z.',
        'They flatten: the logits are now closer in relative terms.',
      ],
      correct: () => {
        const z = defaults().logits;
        const before = probabilities(z);
        const after = probabilities(z.map((x) => x + 10));
        const same = before.every((p, i) => Math.abs(p - (after[i] ?? Number.NaN)) < 1e-6);
        if (same) return 0;
        return (after[0] ?? 0) > (before[0] ?? 0) ? 1 : 2;
      },
    },
    explanation:
      'Every e^(z+10) is e^z multiplied by the same e^10, and that factor cancels between numerator and sum. Softmax sees only differences between logits, which is also why an implementation may subtract the largest logit first without changing the answer.',
  },
  challenge({
    id: 'start-here-temperature',
    widget: 'softmax',
    title: 'Sharpen with the temperature alone',
    task: 'Leave the four logits as they are (2, 1, 0.1, −1) and change only the temperature τ so that “cat” gets at least 0.90 of the probability.',
    start: { t: 1 },
    solution: { t: 0.4 },
    says: {
      logitChanged: () => 'a logit has changed; Reset puts them back (then use τ alone).',
      cat: (t: number, p: number) =>
        `τ = ${formatNumber(t, 2)} gives cat ${formatNumber(p, 3)}${p >= 0.9 ? '.' : '; it needs 0.90.'}`,
    },
    check: (m, say) => {
      const z = defaults().logits;
      if (m.logits.some((x, i) => x !== z[i])) return { solved: false, detail: say.logitChanged() };
      const p = m.result.probabilities[0] ?? Number.NaN;
      return { solved: p >= 0.9, detail: say.cat(m.temperature, p) };
    },
    hints: [
      'Softmax divides every logit by τ first. Does a smaller τ pull the scaled logits apart or together?',
      'Below τ = 1 the gaps between logits grow: cat’s lead of 1 over dog becomes 1/τ.',
      'Try τ = 0.4: the scaled logits are 5, 2.5, 0.25 and −2.5.',
    ],
    explanation:
      'Dividing by τ < 1 multiplies every gap between logits by 1/τ, and the exponential turns a larger gap into a larger ratio: cat’s share over dog’s is e^(1/τ). At τ = 0.4 that ratio is e^2.5 ≈ 12, enough for about 0.92. As τ → 0 softmax becomes a hard choice of the largest logit; as τ grows it flattens towards uniform.',
  }),
  challenge({
    id: 'start-here-naive-overflow',
    widget: 'softmax',
    title: 'Break the naive softmax',
    task: 'Tick “naive softmax” in the widget. Then change the logits (and τ if you like) until the naive formula stops giving a distribution, a probability that is not a number or probabilities that no longer sum to 1, while the stable softmax beside it still gives one.',
    start: { n: true },
    solution: { n: true, z: overflowLogits },
    says: {
      stableShown: () => 'the widget shows the stable softmax; tick “naive softmax”.',
      bothBreak: (stable: readonly number[]) =>
        `both break: even the stable softmax gives ${list(stable)}. Logits beyond float32’s range (±${formatNumber(float32Max)}) do not fit at all; choose smaller ones.`,
      naiveBreaks: (naive: readonly number[], stable: readonly number[]) =>
        `the naive formula gives ${list(naive)}; the stable one ${list(stable)}.`,
      naiveWorks: (naive: readonly number[]) =>
        `the naive formula still works: ${list(naive)}, the same as the stable one.`,
    },
    check: (m, say) => {
      if (!m.naive) return { solved: false, detail: say.stableShown() };
      const naive = m.naiveResult.probabilities;
      const stable = m.stable.probabilities;
      if (!isDistribution(stable)) return { solved: false, detail: say.bothBreak(stable) };
      const solved = !isDistribution(naive);
      return { solved, detail: solved ? say.naiveBreaks(naive, stable) : say.naiveWorks(naive) };
    },
    hints: [
      'The naive formula computes every e^(z/τ) as it is, in float32 like the rest of the engine. How large a number can float32 hold?',
      `float32 stops at about ${formatNumber(float32Max)}, and e^x passes that once x is above ln of it, about ${formatNumber(Math.log(float32Max))}. The number boxes take values beyond the sliders’ range.`,
      `Type ${overflowLogits[0]} into z₁: e^${overflowLogits[0]} ≈ ${formatNumber(Math.exp(overflowLogits[0] ?? 0))} in exact arithmetic.`,
    ],
    explanation: `At z₁ = ${overflowLogits[0]}, e^z₁ is beyond float32’s range and becomes +∞. The sum is then +∞ too, so p₁ = ∞/∞ = NaN and every other p is a finite number over ∞, which is 0. The stable softmax subtracts the largest logit first: its exponents are z − ${overflowLogits[0]} ≤ 0, the largest term is exactly e⁰ = 1, nothing overflows, and cat gets almost all of the mass. Very negative logits break the naive formula the other way: every e^z rounds to 0 and p = 0/0.`,
  }),
  {
    id: 'start-here-overflow',
    kind: 'open',
    title: 'Why subtract the largest logit?',
    question:
      'Type 1000 into one logit. A naive softmax, e^z divided by the sum of e^z, would return nothing useful, yet the widget’s answer is exact. What goes wrong in the naive version, and why is subtracting the largest logit safe?',
    modelAnswer:
      'In float32, e^z overflows to infinity once z is above about 88.7 (in float64, about 709.8), so e^1000 is ∞ and the naive formula computes ∞/∞ = NaN for the leader and 0 for the others. Subtracting the largest logit m first makes every exponent z − m ≤ 0, so every e^(z−m) lies in (0, 1] and the largest is exactly 1: nothing overflows, and the sum is at least 1, so nothing divides by zero. It changes nothing mathematically, because e^(z−m) = e^z · e^−m and the common factor e^−m cancels between numerator and sum.',
  },
]);
