/** Accuracy of predicted token sequences against targets (both without <sos>/<eos>). */
export interface Accuracy {
  /** Fraction of target positions predicted correctly (a missing or extra token counts as wrong). */
  readonly token: number;
  /** Fraction of sequences predicted exactly. */
  readonly sequence: number;
  readonly count: number;
}

/**
 * Token accuracy compares position by position over max(len(pred),
 * len(target)), so stopping early or running on both cost tokens;
 * sequence accuracy needs an exact match.
 */
export function accuracy(predicted: readonly (readonly string[])[], targets: readonly (readonly string[])[]): Accuracy {
  let right = 0;
  let total = 0;
  let exact = 0;
  targets.forEach((t, k) => {
    const p = predicted[k] ?? [];
    const n = Math.max(p.length, t.length);
    let same = p.length === t.length;
    for (let i = 0; i < n; i++) {
      if (p[i] !== undefined && p[i] === t[i]) right++;
      else same = false;
    }
    total += n;
    if (same) exact++;
  });
  return {
    token: total === 0 ? 1 : right / total,
    sequence: targets.length === 0 ? 1 : exact / targets.length,
    count: targets.length,
  };
}

/** Accuracy grouped by input length (the curve that shows where attention helps), ascending. */
export function accuracyByLength(
  inputs: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
  targets: readonly (readonly string[])[],
): { length: number; accuracy: Accuracy }[] {
  const groups = new Map<number, number[]>();
  inputs.forEach((s, k) => {
    groups.set(s.length, [...(groups.get(s.length) ?? []), k]);
  });
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([length, ks]) => ({
      length,
      accuracy: accuracy(
        ks.map((k) => predicted[k] ?? []),
        ks.map((k) => targets[k] ?? []),
      ),
    }));
}

/** Token accuracy at one output position. */
export interface PositionAccuracy {
  /** Predictions whose token at this position equals the target's. */
  readonly right: number;
  /** Targets that have a token at this position (shorter targets are not counted). */
  readonly count: number;
  /** right / count. */
  readonly accuracy: number;
}

/**
 * Token accuracy at each output position: entry k is over the targets that
 * have a (k+1)-th token, and counts those whose prediction has the same
 * token there. A prediction that stopped early is wrong at the positions it
 * never reached; tokens it writes past its target's end are not counted
 * (sequence accuracy already punishes them). One entry per position of the
 * longest target, so every entry has count ≥ 1.
 */
export function accuracyByPosition(
  predicted: readonly (readonly string[])[],
  targets: readonly (readonly string[])[],
): PositionAccuracy[] {
  const longest = targets.reduce((m, t) => Math.max(m, t.length), 0);
  return Array.from({ length: longest }, (_, i) => {
    let right = 0;
    let count = 0;
    targets.forEach((t, k) => {
      if (i >= t.length) return;
      count++;
      if (predicted[k]?.[i] === t[i]) right++;
    });
    return { right, count, accuracy: right / count };
  });
}
