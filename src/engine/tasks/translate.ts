/**
 * A tiny English → French phrase grammar whose alignment crosses:
 *
 *   NP  → the [size] [colour] noun        → le|la [size] noun [colour]
 *   S   → NP (link NP)*                    link ∈ and, sees, likes, follows
 *
 * Size adjectives stay before the noun in French, colours move after it,
 * and both agree with the noun's gender (grand/grande, vert/verte,
 * blanc/blanche). English and French have the same number of words, so
 * accuracy by position is well defined; `size` is the number of NPs.
 */
import type { Rng } from '../random.ts';
import { pick, type Task } from './task.ts';
import { makeVocab } from './vocab.ts';

type Gender = 'm' | 'f';

const NOUNS: Record<string, [string, Gender]> = {
  car: ['voiture', 'f'],
  dog: ['chien', 'm'],
  cat: ['chat', 'm'],
  house: ['maison', 'f'],
  book: ['livre', 'm'],
  flower: ['fleur', 'f'],
  bird: ['oiseau', 'm'],
  table: ['table', 'f'],
};
const SIZES: Record<string, [string, string]> = { big: ['grand', 'grande'], small: ['petit', 'petite'] };
const COLOURS: Record<string, [string, string]> = {
  red: ['rouge', 'rouge'],
  green: ['vert', 'verte'],
  black: ['noir', 'noire'],
  white: ['blanc', 'blanche'],
  blue: ['bleu', 'bleue'],
};
const LINKS: Record<string, string> = { and: 'et', sees: 'voit', likes: 'aime', follows: 'suit' };

/** Translates one English sentence of the grammar (throws on a word outside it). */
export function toFrench(english: readonly string[]): string[] {
  const out: string[] = [];
  let k = 0;
  while (k < english.length) {
    const word = english[k] as string;
    if (word in LINKS) {
      out.push(LINKS[word] as string);
      k++;
      continue;
    }
    if (word !== 'the') throw new RangeError(`"${word}" is not in the English grammar`);
    let end = k + 1;
    while (end < english.length && !((english[end] as string) in NOUNS)) end++;
    const noun = NOUNS[english[end] ?? ''];
    if (noun === undefined) throw new RangeError(`noun phrase at word ${k + 1} has no noun`);
    const [fr, gender] = noun;
    const g = gender === 'm' ? 0 : 1;
    const adjectives = english.slice(k + 1, end);
    const size = adjectives.filter((a) => a in SIZES).map((a) => (SIZES[a] as [string, string])[g]);
    const colour = adjectives.filter((a) => a in COLOURS).map((a) => (COLOURS[a] as [string, string])[g]);
    out.push(gender === 'm' ? 'le' : 'la', ...size, fr, ...colour);
    k = end + 1;
  }
  return out;
}

/** The English → French task; `size` noun phrases per sentence. */
export function translateTask(): Task {
  const fr = new Set(['le', 'la', ...Object.values(LINKS)]);
  for (const [word] of Object.values(NOUNS)) fr.add(word);
  for (const pair of [...Object.values(SIZES), ...Object.values(COLOURS)]) for (const w of pair) fr.add(w);
  const english = ['the', ...Object.keys(NOUNS), ...Object.keys(SIZES), ...Object.keys(COLOURS), ...Object.keys(LINKS)];
  const nounPhrase = (rng: Rng) => {
    const words = ['the'];
    if (rng() < 0.5) words.push(pick(rng, Object.keys(SIZES)));
    if (rng() < 0.6) words.push(pick(rng, Object.keys(COLOURS)));
    words.push(pick(rng, Object.keys(NOUNS)));
    return words;
  };
  return {
    name: 'translate',
    source: makeVocab(english),
    target: makeVocab([...fr]),
    sample: (rng, size) => {
      const source = nounPhrase(rng);
      for (let k = 1; k < size; k++) source.push(pick(rng, Object.keys(LINKS)), ...nounPhrase(rng));
      return { source, target: toFrench(source) };
    },
    solve: toFrench,
  };
}
