import { describe, expect, it } from 'vitest';
import { mulberry32 } from '~engine/random.ts';
import {
  accuracy,
  accuracyByLength,
  accuracyByPosition,
  copyTask,
  DATE_FORMATS,
  dateTask,
  daysIn,
  formatDate,
  reverseTask,
  sampleBatch,
  toFrench,
  translateTask,
} from '~engine/tasks/index.ts';

const tasks = [reverseTask(), copyTask(), dateTask(), translateTask()];

describe('tasks', () => {
  for (const task of tasks) {
    it(`${task.name}: the same seed gives the same examples, another seed different ones`, () => {
      const draw = (seed: number) => {
        const rng = mulberry32(seed);
        return Array.from({ length: 20 }, () => task.sample(rng, 3));
      };
      expect(draw(5)).toEqual(draw(5));
      expect(draw(5)).not.toEqual(draw(6));
    });

    it(`${task.name}: every target equals solve(source) and encodes with the vocabularies`, () => {
      const rng = mulberry32(11);
      for (let k = 0; k < 200; k++) {
        const e = task.sample(rng, 1 + (k % 4));
        expect(task.solve(e.source)).toEqual(e.target);
        expect(task.target.decode(task.target.encode(e.target))).toEqual(e.target);
        expect(task.source.encode(e.source).every((id) => id > 2)).toBe(true);
      }
    });
  }

  it('reverseTask samples the requested length and reverses it', () => {
    const e = reverseTask().sample(mulberry32(1), 8);
    expect(e.source).toHaveLength(8);
    expect(e.target).toEqual([...e.source].reverse());
  });

  it('dateTask targets parse back to the same calendar date as the source', () => {
    const rng = mulberry32(3);
    for (let k = 0; k < 300; k++) {
      const e = dateTask().sample(rng, 0);
      const iso = e.target.join('');
      const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
      expect(d).toBeLessThanOrEqual(daysIn(y, m));
      const sources = DATE_FORMATS.map((f) => formatDate(y, m, d, f));
      expect(sources).toContain(e.source.join(''));
      expect(new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10)).toBe(iso);
    }
  });

  it('dateTask normalizes "21 Nov 2026" to "2026-11-21" and knows 29 Feb only in leap years', () => {
    expect(
      dateTask()
        .solve([...'21 Nov 2026'])
        .join(''),
    ).toBe('2026-11-21');
    expect(
      dateTask()
        .solve([...'November 21, 2026'])
        .join(''),
    ).toBe('2026-11-21');
    expect(daysIn(2024, 2)).toBe(29);
    expect(daysIn(2026, 2)).toBe(28);
  });

  it('toFrench moves colours after the noun, keeps sizes before, and agrees in gender', () => {
    expect(toFrench('the red car'.split(' ')).join(' ')).toBe('la voiture rouge');
    expect(toFrench('the big white car sees the small green dog'.split(' ')).join(' ')).toBe(
      'la grande voiture blanche voit le petit chien vert',
    );
  });

  it('translateTask sentences of size n have n noun phrases and as many French words as English', () => {
    const rng = mulberry32(2);
    for (let n = 1; n <= 4; n++) {
      const e = translateTask().sample(rng, n);
      expect(e.source.filter((w) => w === 'the')).toHaveLength(n);
      expect(e.target).toHaveLength(e.source.length);
    }
  });

  it('sampleBatch pads sources with 0 and frames targets with <sos> … / … <eos>', () => {
    const b = sampleBatch(reverseTask(), mulberry32(4), 3, [2, 4]);
    const T = (b.target[0] ?? []).length;
    b.examples.forEach((e, k) => {
      const n = e.target.length;
      expect(b.decoderInput[k]?.[0]).toBe(1);
      expect(b.target[k]?.[n]).toBe(2);
      expect(b.target[k]?.slice(n + 1)).toEqual(new Array(T - n - 1).fill(0));
      expect(b.sourceLengths[k]).toBe(e.source.length);
    });
  });
});

describe('accuracy', () => {
  it('accuracy counts tokens position by position and exact sequences', () => {
    const a = accuracy(
      [
        ['1', '2'],
        ['3', '9', '5'],
      ],
      [
        ['1', '2'],
        ['3', '4'],
      ],
    );
    expect(a.sequence).toBe(0.5);
    expect(a.token).toBe(3 / 5);
  });

  it('accuracyByLength groups by input length in ascending order', () => {
    const rows = accuracyByLength([['a'], ['a', 'b'], ['c']], [['x'], ['y'], ['q']], [['x'], ['y'], ['z']]);
    expect(rows.map((r) => [r.length, r.accuracy.sequence])).toEqual([
      [1, 0.5],
      [2, 1],
    ]);
  });

  /** The count written out the long way: walk every (decoded, expected) pair and tally each position in a map. */
  function tally(pairs: [string[], string[]][]): { right: number; count: number }[] {
    const byPos = new Map<number, { right: number; count: number }>();
    for (const [decoded, expected] of pairs)
      for (let i = 0; i < expected.length; i++) {
        const cell = byPos.get(i) ?? { right: 0, count: 0 };
        cell.count += 1;
        if (i < decoded.length && decoded[i] === expected[i]) cell.right += 1;
        byPos.set(i, cell);
      }
    return [...byPos.keys()].sort((a, b) => a - b).map((i) => byPos.get(i) as { right: number; count: number });
  }

  it('accuracyByPosition matches a position-by-position tally over ragged, early-stopping and empty outputs', () => {
    const pairs: [string[], string[]][] = [
      [
        ['4', '3', '2', '1'],
        ['4', '3', '2', '1'],
      ], // exact
      [
        ['4', '3'],
        ['4', '3', '2', '1'],
      ], // stopped early: wrong at 3 and 4
      [[], ['7', '7', '7']], // empty output: wrong everywhere
      [
        ['9', '8', '7', '6', '5', '4'],
        ['9', '0', '7'],
      ], // ran on past the answer: extra tokens not counted
      [['5'], ['5']],
      [['1', '2'], []], // an empty answer has no positions
      [
        ['2', '2', '2', '2', '2'],
        ['1', '2', '3', '2', '2'],
      ],
    ];
    const got = accuracyByPosition(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    );
    const want = tally(pairs);
    expect(got.map(({ right, count }) => ({ right, count }))).toEqual(want);
    expect(got.map((p) => p.accuracy)).toEqual(want.map((w) => w.right / w.count));
    // Hand count of the first and last positions, so a shared mistake in both counts cannot hide.
    expect(got[0]).toEqual({ right: 4, count: 6, accuracy: 4 / 6 });
    expect(got[4]).toEqual({ right: 1, count: 1, accuracy: 1 });
    expect(got).toHaveLength(5);
  });

  it('accuracyByPosition has no positions for no examples, or only empty answers, and ignores missing predictions', () => {
    expect(accuracyByPosition([], [])).toEqual([]);
    expect(accuracyByPosition([['1']], [[]])).toEqual([]);
    expect(accuracyByPosition([], [['a', 'b']])).toEqual([
      { right: 0, count: 1, accuracy: 0 },
      { right: 0, count: 1, accuracy: 0 },
    ]);
  });
});
