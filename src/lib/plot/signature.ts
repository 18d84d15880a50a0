/**
 * A chart's signature: a short hash of everything a draw function hands to
 * Plot.plot (data, scales, marks' options), so the browser can tell whether
 * the chart the build drew into the HTML still shows its numbers without
 * loading Plot to draw it again. Functions cannot be compared as code (the
 * browser's bundle is minified), so each is described by its results on the
 * data it will be applied to: a channel accessor over its mark's rows, a
 * tick format over its scale's domain or ticks. Numbers are rounded to six
 * significant digits, far below what a chart can show, so the server's and
 * the browser's floating-point noise cannot make a current chart look stale.
 */

/** How deep options are followed (a mark's rows and their fields are well within it). */
const MAX_DEPTH = 8;
/** Stand-in arguments for a function with no data to apply it to (an interpolator, a colour scheme). */
const SAMPLES = [0, 0.25, 0.5, 0.75, 1];

/** The signature of `Plot.plot`'s options: equal options, equal signatures (FNV-1a over a canonical text). */
export function signatureOf(options: unknown): string {
  return fnv1a(JSON.stringify(canonical(options, SAMPLES, MAX_DEPTH)));
}

function canonical(value: unknown, data: readonly unknown[], depth: number): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? Number(value.toPrecision(6)) : String(value);
  if (typeof value === 'function') return data.map((d, i) => attempt(() => canonical(value(d, i, data), [], 2)));
  if (value === null || typeof value !== 'object' || depth === 0) return typeof value === 'object' ? null : value;
  if (typeof Node !== 'undefined' && value instanceof Node) return null;
  if (Array.isArray(value)) {
    // A mark as the trace stand-ins leave it: [rows, options]; the options' functions apply to the rows.
    const rows = value.length === 2 && Array.isArray(value[0]) ? (value[0] as unknown[]) : undefined;
    return value.map((item, k) => canonical(item, k === 1 && rows ? rows : data, depth - 1));
  }
  const record = value as Record<string, unknown>;
  // A scale's functions (tick format, interpolator) apply to its domain or ticks.
  const own = [record.domain, record.ticks].find(Array.isArray) as unknown[] | undefined;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) out[key] = canonical(record[key], own ?? data, depth - 1);
  return out;
}

function attempt(fn: () => unknown): unknown {
  try {
    return fn();
  } catch {
    return 'throws';
  }
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(36)}.${text.length.toString(36)}`;
}
