import { describe, expect, it } from 'vitest';
import { positionList, positionSentence, raggedNote } from '~components/widgets/lab/positions.ts';

describe('lab positions', () => {
  it('positionList(ps) joins runs of three or more with a dash and lists the rest', () => {
    expect(positionList([5])).toBe('5');
    expect(positionList([1, 10])).toBe('1 and 10');
    expect(positionList([4, 5])).toBe('4 and 5');
    expect(positionList([4, 5, 7])).toBe('4, 5 and 7');
    expect(positionList([1, 2, 3, 5, 7, 8, 9, 10])).toBe('1–3, 5 and 7–10');
  });

  it('positionSentence(a) names the single lowest position, the highest and both ends', () => {
    const a = [0.975, 0.9, 0.6, 0.41, 0.5, 0.7, 0.8, 0.95];
    expect(positionSentence(a)).toBe(
      'Position 4 of 8 is the hardest (41.0% right), position 1 the easiest (97.5%); the first and last are at 97.5% and 95.0%.',
    );
  });

  it('positionSentence(a) names every position tied at the minimum and at the maximum', () => {
    expect(positionSentence([1, 0.25, 0.25, 0.25, 0.5, 1])).toBe(
      'Positions 2–4 of 6 are the hardest (25.0% right), positions 1 and 6 the easiest (100.0%); the first and last are at 100.0% and 100.0%.',
    );
  });

  it('positionSentence(a) says when every position is equal, when there is one, and nothing for none', () => {
    expect(positionSentence([1, 1, 1])).toBe('All 3 positions score the same: 100.0% right.');
    expect(positionSentence([0.5])).toBe('The answer has one position: 50.0% right.');
    expect(positionSentence([])).toBe('');
  });

  it('raggedNote(counts) names the positions fewer answers reach, and is empty when all reach every position', () => {
    expect(raggedNote([126, 126, 126, 126, 108, 90, 72, 54, 36, 18])).toBe(
      'Only the longer answers reach positions 5–10 (down to 18 of 126), so those rows also measure longer inputs; set the shortest and longest input equal to compare positions on one length.',
    );
    expect(raggedNote([40, 40, 40])).toBe('');
    expect(raggedNote([])).toBe('');
  });
});
