/**
 * A message split around its values, so markup can wrap each value where the translation puts it:
 * `slots((v) => m.x({ done: v.done, total: v.total }), ['done', 'total'])` →
 * `['', { slot: 'done' }, ' of ', { slot: 'total' }, ' exercises done.']`. Render the strings as text and each
 * slot as its element; a translation may reorder the values.
 */
export type Part<K extends string> = string | { slot: K };

export function slots<K extends string>(render: (marks: Record<K, string>) => string, names: readonly K[]): Part<K>[] {
  // Private-use characters cannot occur in a message, so they mark where each value lands.
  const marks = Object.fromEntries(names.map((n, i) => [n, String.fromCharCode(0xe000 + i)])) as Record<K, string>;
  const out: Part<K>[] = [];
  let text = '';
  for (const ch of render(marks)) {
    const i = ch.charCodeAt(0) - 0xe000;
    const name = names[i];
    if (name !== undefined && ch.length === 1) {
      out.push(text, { slot: name });
      text = '';
    } else text += ch;
  }
  out.push(text);
  return out;
}

/** A run of text ending in a symbol's letter, then that symbol's subscript. */
export interface SubscriptRun {
  readonly text: string;
  readonly sub: string;
}

/**
 * A message split around symbols written as a letter and a subscript (`y<sub>i−1</sub>`): each slot's letter joins
 * the text before it, so every run renders as one text node and a `<sub>`, then `tail`. Hand-written markup had
 * exactly these text nodes; splitting a run into two nodes can move glyphs by a pixel (Chromium shapes text per
 * node). A slot may occur more than once.
 */
export function subscriptRuns<K extends string>(
  render: (marks: Record<K, string>) => string,
  symbols: Readonly<Record<K, readonly [letter: string, sub: string]>>,
): { runs: SubscriptRun[]; tail: string } {
  const runs: SubscriptRun[] = [];
  let text = '';
  for (const piece of slots(render, Object.keys(symbols) as K[])) {
    if (typeof piece === 'string') text += piece;
    else {
      const [letter, sub] = symbols[piece.slot];
      runs.push({ text: text + letter, sub });
      text = '';
    }
  }
  return { runs, tail: text };
}
