import { challenge, chapterExercises } from '~components/exercises/schema.ts';
import { MultiHeadState } from '~components/state/models/multi-head.svelte.ts';

/** For head k: in how many rows i ≥ 2 the largest weight sits on token i − 1 with at least `share`. */
function previousRows(m: MultiHeadState, k: number, share: number): { hits: number; rows: number } {
  const A = m.result.heads[k]?.Ap ?? [];
  let hits = 0;
  for (let i = 1; i < A.length; i++) {
    const row = A[i] ?? [];
    const prev = row[i - 1] ?? 0;
    if (prev >= share && row.every((a) => a <= prev)) hits++;
  }
  return { hits, rows: Math.max(A.length - 1, 0) };
}

export default chapterExercises('multi-head', [
  challenge({
    id: 'multi-head-previous',
    widget: 'multi-head',
    title: 'A head for the previous token',
    task: 'Make head 2 attend to the previous token: in every row after the first, its largest weight must sit on the token just before, with at least 0.5 of the row.',
    start: { p: ['previous', 'keyword'] },
    solution: { p: ['keyword', 'previous'] },
    says: {
      rows: (hits: number, rows: number) =>
        `head 2 looks back one token, with at least 0.5, in ${hits} of ${rows} rows.`,
    },
    check: (m, say) => {
      const { hits, rows } = previousRows(m, 1, 0.5);
      return { solved: rows > 0 && hits === rows, detail: say.rows(hits, rows) };
    },
    hints: [
      'Each head has its own W_q and W_k; the widget builds them from a pattern you can choose per head.',
      'Head 1 already does this job. What does head 2 do now?',
      'Choose “previous token” for head 2 (head 1 can take the other job).',
    ],
    explanation:
      'A head’s pattern is nothing but its projections: W_q and W_k chosen so that the query of token i matches the key of token i − 1 best. Head 2 now computes the same kind of weights head 1 did, from its own slice of the model width. In trained Transformers such previous-token heads are common, and they are a building block of the “induction heads” that copy patterns seen earlier in the text.',
  }),
  {
    id: 'multi-head-switch-off',
    kind: 'predict',
    title: 'Switch a head off',
    question: 'Switch off head 2 (its output no longer reaches W_O). Do the attention weights A⁽¹⁾ of head 1 change?',
    answer: {
      type: 'choice',
      options: [
        'No: head 1’s weights stay exactly the same',
        'Yes: the remaining head sharpens',
        'Yes: they become uniform',
      ],
      correct: () => {
        const on = new MultiHeadState();
        const off = new MultiHeadState();
        off.restore({ ...off.snapshot(), on: [true, false] });
        const a = on.result.heads[0]?.Ap.flat() ?? [];
        const b = off.result.heads[0]?.Ap.flat() ?? [Number.NaN];
        return a.every((x, i) => x === b[i]) ? 0 : 1;
      },
    },
    explanation:
      'Heads run in parallel on the same input and never see each other: each computes its own Q, K, V and weights. Only the output projection W_O mixes their results, so switching a head off changes the final output, never another head’s attention.',
  },
  {
    id: 'multi-head-why-several',
    kind: 'open',
    title: 'Why not one big head?',
    question:
      'Eight heads of width 64 cost about as much as one head of width 512. What can the eight do that the one cannot?',
    modelAnswer:
      'One head produces one weight distribution per query, so each output is a single weighted average: if a token needs its previous word and also its verb, one softmax must split its weight between them and blurs both. Eight heads give eight independent distributions per token, each in its own subspace (its own W_q, W_k, W_v), and W_O combines the eight results. The cost is nearly the same because each head works in d/h dimensions; what is gained is several different “questions” per token instead of one.',
  },
]);
