/**
 * Words for the lab's accuracy by output position: which positions are
 * hardest and easiest, read from the numbers (never written in advance),
 * so the sentence under the table always says what the table shows.
 */
import { formatNumber } from '~lib/ui/format.ts';

/** A percentage as the lab prints it, e.g. `41.7%`. */
export const percent = (x: number): string => `${formatNumber(100 * x, 1)}%`;

/** 1-based positions with runs of three or more joined: [1, 2, 3, 5, 6] → `1–3, 5 and 6`. */
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
  return runs.length === 1 ? (runs[0] as string) : `${runs.slice(0, -1).join(', ')} and ${runs[runs.length - 1]}`;
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
  if (n === 1) return `The answer has one position: ${percent(first)} right.`;
  const lo = Math.min(...accuracies);
  const hi = Math.max(...accuracies);
  if (lo === hi) return `All ${n} positions score the same: ${percent(lo)} right.`;
  const hard = where(accuracies, lo);
  const easy = where(accuracies, hi);
  const name = (ps: number[]) => `${ps.length === 1 ? 'position' : 'positions'} ${positionList(ps)}`;
  const hardest = name(hard);
  const head = `${hardest[0]?.toUpperCase()}${hardest.slice(1)} of ${n} ${hard.length === 1 ? 'is' : 'are'} the hardest`;
  const ends = `the first and last are at ${percent(first)} and ${percent(accuracies[n - 1] as number)}`;
  return `${head} (${percent(lo)} right), ${name(easy)} the easiest (${percent(hi)}); ${ends}.`;
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
  return `Only the longer answers reach ${fewer.length === 1 ? 'position' : 'positions'} ${positionList(fewer)} (down to ${least} of ${all}), so those rows also measure longer inputs; set the shortest and longest input equal to compare positions on one length.`;
}
