/** The reserved tokens every vocabulary starts with, at ids 0, 1, 2. */
export const PAD = '<pad>';
/** Start of sequence: the decoder's first input. */
export const SOS = '<sos>';
/** End of sequence: the decoder's last target. */
export const EOS = '<eos>';

/** A token ↔ id table; ids 0, 1, 2 are <pad>, <sos>, <eos>. */
export interface Vocab {
  readonly tokens: readonly string[];
  readonly size: number;
  /** The id of `token`; throws naming an unknown token. */
  id(token: string): number;
  /** Ids for tokens (no <sos>/<eos> added). */
  encode(tokens: readonly string[]): number[];
  /** Tokens for ids, stopping at the first <eos> and skipping <pad>/<sos>. */
  decode(ids: readonly number[]): string[];
}

/** Builds a vocabulary from the task's own tokens (order kept, duplicates dropped). */
export function makeVocab(words: readonly string[]): Vocab {
  const tokens = [...new Set([PAD, SOS, EOS, ...words])];
  const index = new Map(tokens.map((t, i) => [t, i]));
  const id = (token: string) => {
    const i = index.get(token);
    if (i === undefined) throw new RangeError(`"${token}" is not in the vocabulary`);
    return i;
  };
  return {
    tokens,
    size: tokens.length,
    id,
    encode: (ts) => ts.map(id),
    decode: (ids) => {
      const out: string[] = [];
      for (const i of ids) {
        if (i === 2) break;
        if (i > 2) out.push(tokens[i] ?? '?');
      }
      return out;
    },
  };
}
