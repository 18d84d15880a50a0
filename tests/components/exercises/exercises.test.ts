import { describe, expect, it } from 'vitest';
import { argmax, gradeChoice, gradeNumber, parseNumber } from '~components/exercises/answers.ts';
import { chapterOfId, slugOfPath } from '~components/exercises/catalog.ts';
import {
  exportProgress,
  type ProgressStorage,
  progressKey,
  readProgress,
  withDone,
  without,
  writeProgress,
} from '~components/exercises/progress-store.ts';
import { chapterExercises } from '~components/exercises/schema.ts';

/** A Map behind the Storage methods progress uses. */
function memoryStorage(): ProgressStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

describe('predict answers', () => {
  it('parseNumber reads a Unicode minus, a decimal comma and exponents, and refuses words and NaN', () => {
    expect(parseNumber(' −0,25 ')).toBe(-0.25);
    expect(parseNumber('1e-3')).toBe(0.001);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('about half')).toBeUndefined();
    expect(parseNumber('NaN')).toBeUndefined();
    expect(parseNumber('1e999')).toBeUndefined();
    expect(parseNumber('')).toBeUndefined();
  });

  it('gradeNumber is right within the tolerance (inclusive) and asks for a number otherwise', () => {
    expect(gradeNumber('0.03', 0.0282, 0.005)).toEqual({ kind: 'graded', correct: true });
    expect(gradeNumber('0.04', 0.0282, 0.005)).toEqual({ kind: 'graded', correct: false });
    expect(gradeNumber('20', 20, 0)).toEqual({ kind: 'graded', correct: true });
    expect(gradeNumber('x', 1, 0).kind).toBe('invalid');
  });

  it('gradeChoice needs a choice; argmax picks the first of equal largest values', () => {
    expect(gradeChoice(undefined, 1).kind).toBe('invalid');
    expect(gradeChoice(1, 1)).toEqual({ kind: 'graded', correct: true });
    expect(argmax([0.2, 0.5, 0.5, 0.1])).toBe(1);
  });
});

describe('progress in localStorage', () => {
  const entry = { kind: 'predict' as const, at: '2026-01-01T00:00:00.000Z', correct: true };

  it('round-trips through storage; the first completion is kept; forgetting the last entry removes the key', () => {
    const s = memoryStorage();
    const p = withDone({}, 'lstm-halving', entry);
    expect(withDone(p, 'lstm-halving', { ...entry, correct: false })).toBe(p);
    expect(writeProgress(s, p)).toBe(true);
    expect(readProgress(s)).toEqual(p);
    writeProgress(s, without(p, 'lstm-halving'));
    expect(s.map.has(progressKey)).toBe(false);
  });

  it('reads broken or foreign data as no progress, and survives a storage that throws', () => {
    const s = memoryStorage();
    s.map.set(progressKey, '{not json');
    expect(readProgress(s)).toEqual({});
    s.map.set(progressKey, JSON.stringify({ x: { kind: 'essay', at: 'now' } }));
    expect(readProgress(s)).toEqual({});
    const full: ProgressStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(writeProgress(full, { a: entry })).toBe(false);
    expect(readProgress(undefined)).toEqual({});
  });

  it('exports the stored entries with the key, the site and the time', () => {
    const json = JSON.parse(exportProgress({ a: entry }, new Date('2026-02-03T04:05:06Z'), 'http://x'));
    expect(json).toEqual({
      site: 'http://x',
      exported: '2026-02-03T04:05:06.000Z',
      key: progressKey,
      exercises: { a: entry },
    });
  });
});

describe('exercise catalog', () => {
  it('finds a chapter by the longest slug an id starts with', () => {
    expect(slugOfPath('../../../content/10-self-attention/exercises.ts')).toBe('self-attention');
    expect(chapterOfId('self-attention-prev', ['self', 'self-attention'])).toBe('self-attention');
    expect(chapterOfId('nothing-here', ['lstm'])).toBeUndefined();
  });

  it('chapterExercises refuses ids outside the chapter and duplicates', () => {
    const open = (id: string) => ({ id, kind: 'open' as const, title: 't', question: 'q', modelAnswer: 'a' });
    expect(() => chapterExercises('gru', [open('lstm-x')])).toThrow(/must start with/);
    expect(() => chapterExercises('gru', [open('gru-x'), open('gru-x')])).toThrow(/twice/);
  });
});
