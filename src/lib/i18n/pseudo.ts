/**
 * The pseudo-locale (en-XA, tests only): every English message wrapped in ⟦…⟧, its letters accented and about
 * 30 % longer, so a page built in it shows at a glance which text did not come from the catalog (plain English)
 * and whether the layout survives longer translations. Placeholders ({count}) and escaped braces stay as they
 * are; generated from messages/en.json by src/build/i18n.ts, never written by hand.
 */

const plain = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const accented = 'àƀçđéƒĝĥîĵķľɱñöƥǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĽṀÑÖƤǪŔŠŢÛṼŴẊÝŽ';
const letters = new Map([...plain].map((c, i) => [c, [...accented][i] ?? c]));

/** Opening and closing marks of a pseudo message (what the check in tests/e2e/pseudo.spec.ts looks for). */
export const pseudoOpen = '⟦';
export const pseudoClose = '⟧';

/** One English pattern in the pseudo-locale: literal text accented and padded, `{…}` and `\{` kept. */
export function pseudoText(text: string): string {
  const parts = text.split(/(\\[{}]|\{[^}]*\})/);
  let literal = 0;
  const out = parts
    .map((part, i) => {
      if (i % 2 === 1) return part;
      literal += part.length;
      return [...part].map((c) => letters.get(c) ?? c).join('');
    })
    .join('');
  // Padding in short words, so a longer message can still wrap like a real translation would.
  const extra = Math.ceil(literal * 0.3);
  const pad = Array.from({ length: Math.ceil(extra / 5) }, (_, i) => '·'.repeat(Math.min(5, extra - i * 5)));
  return `${pseudoOpen}${out}${pad.length > 0 ? ` ${pad.join(' ')}` : ''}${pseudoClose}`;
}

type Variant = { match: Record<string, string> } & Record<string, unknown>;
type CatalogValue = string | Variant[];

/** The whole catalog in the pseudo-locale (simple messages and every variant of a plural/select one). */
export function pseudoCatalog(en: Record<string, CatalogValue>): Record<string, CatalogValue> {
  const out: Record<string, CatalogValue> = {};
  for (const [key, value] of Object.entries(en)) {
    if (key === '$schema') out[key] = value;
    else if (typeof value === 'string') out[key] = pseudoText(value);
    else
      out[key] = value.map((v) => ({
        ...v,
        match: Object.fromEntries(Object.entries(v.match).map(([k, t]) => [k, pseudoText(t)])),
      }));
  }
  return out;
}
