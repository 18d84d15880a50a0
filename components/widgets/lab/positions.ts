/**
 * Words for the lab's accuracy by output position: which positions are
 * hardest and easiest, read from the numbers (never written in advance),
 * so the sentence under the table always says what the table shows.
 */
import { m } from '~lib/i18n/messages.ts';
import { formatNumber } from '~lib/ui/format.ts';

/** A percentage as the lab prints it, e.g. `41.7%`. */
export const percent = (x: number): string => `${formatNumber(100 * x, 1)}%`;

/** 1-based positions with runs of three or more joined: [1, 2, 3, 5, 6] → `1–3, 5 and 6` (in the page's language). */
export function positionList(positions: readonly number[]): string {
  const runs: string[] = [];
  let k = 0;
  while (k < positions.length) {
    const start = positions[k] as number;
    let end = start;
    while (positions[k + 1] === end + 1) end = positions[++k] as number;
    if (end - start >= 2) runs.push(`${start}–${end}`);
    else for (let p = start; p <= end; p++) runs.push(`${p}`);
    k++;
  }
  if (runs.length === 1) return runs[0] as string;
  return `${runs.slice(0, -1).join(m.part_list_separator())}${m.part_list_last_separator()}${runs[runs.length - 1]}`;
}

/** The 1-based positions whose accuracy equals `target` exactly. */
function where(accuracies: readonly number[], target: number): number[] {
  return accuracies.flatMap((a, k) => (a === target ? [k + 1] : []));
}

/**
 * One sentence naming the hardest position(s) (lowest accuracy), the easiest
 * and the two ends, e.g. "Position 5 of 8 is the hardest (41.0% right),
 * position 1 the easiest (97.5%); the first and last are at 97.5% and 95.0%."
 * Ties are named together; '' when there is nothing to describe.
 */
export function positionSentence(accuracies: readonly number[]): string {
  const n = accuracies.length;
  if (n === 0) return '';
  const first = accuracies[0] as number;
  if (n === 1) return m.widget_training_lab_positions_one({ accuracy: percent(first) });
  const lo = Math.min(...accuracies);
  const hi = Math.max(...accuracies);
  if (lo === hi) return m.widget_training_lab_positions_same({ count: n, accuracy: percent(lo) });
  const hard = where(accuracies, lo);
  const easy = where(accuracies, hi);
  return m.widget_training_lab_positions_summary({
    hard: positionList(hard),
    hardCount: hard.length,
    easy: positionList(easy),
    easyCount: easy.length,
    count: n,
    low: percent(lo),
    high: percent(hi),
    first: percent(first),
    last: percent(accuracies[n - 1] as number),
  });
}

/**
 * When the evaluation mixes answer lengths, the later positions exist only in
 * the longer answers, so their rows also measure harder inputs: says which
 * positions those are, from the counts; '' when every position has every answer.
 */
export function raggedNote(counts: readonly number[]): string {
  const all = counts[0] ?? 0;
  const fewer = counts.flatMap((c, k) => (c < all ? [k + 1] : []));
  if (fewer.length === 0) return '';
  const least = Math.min(...counts);
  return m.widget_training_lab_positions_ragged({
    positions: positionList(fewer),
    positionCount: fewer.length,
    least,
    all,
  });
}
