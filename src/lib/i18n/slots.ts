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
