import { describe, expect, it } from 'vitest';
import { loadAll, slugOfPath } from '~components/exercises/catalog.ts';
import { modelAt } from '~components/exercises/model-at.ts';
import type { AnyChallenge, ChallengeWidget, Exercise } from '~components/exercises/schema.ts';
import { translationPath, translationPaths } from '~components/exercises/translation.ts';
import { challengeModels } from './exercise-models.ts';

/**
 * Fields whose numbers differ on purpose: an example that only works in English has a Chinese counterpart
 * (ZH-CONVENTIONS: "I saw a saw" becomes 他用锁锁上了门, whose two 锁 are steps 3 and 4, not 2 and 4).
 */
const counterparts: Record<string, readonly string[]> = {
  'memory-same-input': ['explanation'],
};

/** Exercises whose options are words of another language the widget shows as they are (French, English). */
const untranslatedOptions = new Set(['decoding-greedy-or-beam', 'transformer-cross-look']);

const english = await loadAll('en');
const inChinese = new Map((await loadAll('zh')).map((c) => [c.chapter, c]));

/** Every string a reader sees in an exercise (not the computed details), by field. */
function texts(e: Exercise): Record<string, string> {
  const common = { title: e.title };
  if (e.kind === 'predict') {
    const options = e.answer.type === 'number' ? [] : e.answer.options;
    return { ...common, question: e.question, explanation: e.explanation, ...listed('option', options) };
  }
  if (e.kind === 'challenge')
    return { ...common, task: e.task, explanation: e.explanation, ...listed('hint', e.hints) };
  return { ...common, question: e.question, modelAnswer: e.modelAnswer };
}

const listed = (name: string, xs: readonly string[]) => Object.fromEntries(xs.map((x, i) => [`${name} ${i + 1}`, x]));

/** The numbers written in a text (ASCII digits; subscripts and superscripts are symbols), sorted. */
const numbers = (s: string) => (s.match(/\d+(\.\d+)?/g) ?? []).sort();

const han = /\p{Script=Han}/u;
/** A detail made of symbols and numbers is still Chinese by its full-width punctuation. */
const chinese = /[\p{Script=Han}，。；：]/u;

/** A fresh model of the challenge's widget at `state` (the lab trains: tests/components/widgets/lab covers it). */
function at(c: AnyChallenge, state: object) {
  const entry = challengeModels[c.widget as ChallengeWidget];
  return entry ? modelAt(entry.make, entry.fields, state) : undefined;
}

describe('exercises in Chinese', () => {
  it('translationPath puts the language before the extension', () => {
    expect(translationPath('../../content/05-lstm/exercises.ts', 'zh')).toBe('../../content/05-lstm/exercises.zh.ts');
  });

  it('every chapter with exercises has a Chinese translation', () => {
    const done = translationPaths.filter((p) => p.endsWith('.zh.ts')).map(slugOfPath);
    expect(english.map((c) => c.chapter).filter((s) => !done.includes(s))).toEqual([]);
  });

  const pairs = english.flatMap((c) =>
    c.exercises.map((e) => [e.id, e, inChinese.get(c.chapter)?.exercises.find((z) => z.id === e.id)] as const),
  );

  it.each(pairs)('%s: every text is Chinese, with the same numbers and as many options and hints', (_id, en, zh) => {
    expect(zh?.kind).toBe(en.kind);
    if (zh === undefined) return;
    const a = texts(en);
    const b = texts(zh);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const [field, text] of Object.entries(b)) {
      // A text of symbols alone (an option "j = 1") is the same in both languages; words are not.
      const kept =
        text === a[field] &&
        (!/[A-Za-z]{3}/.test(text) || (untranslatedOptions.has(en.id) && field.startsWith('option')));
      if (!kept) expect(text, field).toMatch(han);
      if (counterparts[en.id]?.includes(field)) continue;
      expect(numbers(text), `${field}: ${text}`).toEqual(numbers(a[field] ?? ''));
    }
  });

  it.each(pairs.filter(([, e]) => e.kind === 'challenge'))(
    '%s: its checks word their details in Chinese with the English numbers',
    (_id, en, zh) => {
      if (en.kind !== 'challenge' || zh?.kind !== 'challenge') throw new Error('not a challenge');
      expect(Object.keys(zh.says)).toEqual(Object.keys(en.says));
      for (const state of [en.start, en.solution, {}]) {
        const model = at(en, state);
        if (model === undefined) continue;
        // biome-ignore lint/suspicious/noExplicitAny: each challenge's model comes from its own widget id.
        const check = (c: AnyChallenge) => c.check(model as any, c.says);
        const [a, b] = [check(en), check(zh)];
        expect(b.solved).toBe(a.solved);
        if (a.detail === '') continue;
        expect(b.detail).toMatch(chinese);
        expect(numbers(b.detail), b.detail).toEqual(numbers(a.detail));
      }
    },
  );
});
