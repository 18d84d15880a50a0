import * as v from 'valibot';

/**
 * Widget state in the URL: one hash parameter per widget instance,
 * `#w-<widgetId>=<base64url of compact JSON>`, so several widgets share a
 * page without colliding and the query string stays free for the site.
 * Each field validates on its own: a broken field falls back to its default
 * with a message, and the rest of the state is kept.
 */

/** One field of a widget's state: a valibot schema and the default it falls back to. */
export interface Field<T> {
  readonly schema: v.GenericSchema<unknown, T>;
  /** A fresh default each call, so callers may mutate what they get. */
  readonly fallback: () => T;
}

/** The fields of one widget's state, by (short) key: short keys keep links short. */
export type Fields = Record<string, Field<unknown>>;

/** The state a set of fields describes. */
export type StateOf<F extends Fields> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never };

/** A field from any valibot schema and its default value (cloned on use). */
export function field<T>(schema: v.GenericSchema<unknown, T>, defaultValue: T): Field<T> {
  return { schema, fallback: () => structuredClone(defaultValue) };
}

/** The hash parameter name of a widget instance (`w-softmax`). */
export function paramName(widgetId: string): string {
  return `w-${widgetId.replace(/[^\w-]/g, '_')}`;
}

/** UTF-8 text to base64url without padding. */
export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (padding optional) back to UTF-8 text; throws on characters outside the alphabet. */
export function fromBase64Url(code: string): string {
  if (!/^[\w-]*$/.test(code)) throw new Error('not base64url');
  const b64 = code.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** Every field's default. */
export function defaultsOf<F extends Fields>(fields: F): StateOf<F> {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(fields)) out[k] = f.fallback();
  return out as StateOf<F>;
}

/** The result of reading state: always a whole state, plus a message per field that was refused. */
export interface Decoded<S> {
  readonly state: S;
  readonly messages: readonly string[];
}

/** Validates `raw` field by field; a missing field takes its default silently, an invalid one with a message. */
export function validateFields<F extends Fields>(fields: F, raw: unknown): Decoded<StateOf<F>> {
  const state = defaultsOf(fields) as Record<string, unknown>;
  const messages: string[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { state: state as StateOf<F>, messages: ['The saved state is not an object; using the defaults.'] };
  }
  const record = raw as Record<string, unknown>;
  for (const [k, f] of Object.entries(fields)) {
    if (!Object.hasOwn(record, k)) continue;
    const r = v.safeParse(f.schema, record[k]);
    if (r.success) state[k] = r.output;
    else messages.push(`“${k}” was invalid (${r.issues[0]?.message ?? 'bad value'}); using its default.`);
  }
  for (const k of Object.keys(record)) {
    if (!Object.hasOwn(fields, k)) messages.push(`“${k}” is not part of this widget's state; ignored.`);
  }
  return { state: state as StateOf<F>, messages };
}

/** Encodes the fields that differ from their defaults (an all-default state encodes to ''). */
export function encodeState<F extends Fields>(fields: F, state: StateOf<F>): string {
  const defaults = defaultsOf(fields) as Record<string, unknown>;
  const diff: Record<string, unknown> = {};
  for (const k of Object.keys(fields)) {
    const value = (state as Record<string, unknown>)[k];
    if (JSON.stringify(value) !== JSON.stringify(defaults[k])) diff[k] = value;
  }
  return Object.keys(diff).length === 0 ? '' : toBase64Url(JSON.stringify(diff));
}

/**
 * Longest encoded state read (characters). Real states are a few KB; a longer
 * code is refused before it is decoded, so a pasted multi-MB link cannot
 * freeze the page while it is parsed and validated.
 */
export const maxCodeLength = 200_000;

/** Decodes an encoded state; undecodable text gives the defaults and one message. */
export function decodeState<F extends Fields>(fields: F, code: string): Decoded<StateOf<F>> {
  if (code === '') return { state: defaultsOf(fields), messages: [] };
  if (code.length > maxCodeLength) {
    return {
      state: defaultsOf(fields),
      messages: [`The link’s saved state is too long (${code.length} characters); using the defaults.`],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fromBase64Url(code));
  } catch {
    return { state: defaultsOf(fields), messages: ['The link’s saved state could not be read; using the defaults.'] };
  }
  return validateFields(fields, raw);
}

/** Reads a widget's code from a location hash (`#w-a=…&w-b=…`); '' when absent. */
export function readHashParam(hash: string, widgetId: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get(paramName(widgetId)) ?? '';
}

/** A new hash with the widget's code set (or removed when ''), other widgets' params kept in order. */
export function writeHashParam(hash: string, widgetId: string, code: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (code === '') params.delete(paramName(widgetId));
  else params.set(paramName(widgetId), code);
  const text = params.toString();
  return text === '' ? '' : `#${text}`;
}

const finite = v.pipe(v.number(), v.finite());

/** A finite number field in [min, max] (NaN and ±Infinity refused). */
export function numberField(defaultValue: number, min = -1e6, max = 1e6): Field<number> {
  return field(v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max)), defaultValue);
}

/** A matrix field of finite numbers with the default's shape. */
export function matrixField(defaultValue: readonly (readonly number[])[]): Field<number[][]> {
  const cols = defaultValue[0]?.length ?? 0;
  // Lengths are checked before the entries, so a link with a huge array is refused at once.
  const row = v.pipe(v.array(v.unknown()), v.length(cols, `each row needs ${cols} numbers`), v.array(finite));
  const rows = defaultValue.length;
  return field(
    v.pipe(v.array(v.unknown()), v.length(rows, `needs ${rows} rows`), v.array(row)),
    defaultValue.map((r) => [...r]),
  );
}

/** A vector field of finite numbers with the default's length. */
export function vectorField(defaultValue: readonly number[]): Field<number[]> {
  const n = defaultValue.length;
  return field(v.pipe(v.array(v.unknown()), v.length(n, `needs ${n} numbers`), v.array(finite)), [...defaultValue]);
}

/** An integer field in [min, max] (steps, seeds, sizes). */
export function intField(defaultValue: number, min: number, max: number): Field<number> {
  return field(v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max)), defaultValue);
}

/** One of a fixed set of strings (presets, variants). */
export function choiceField<T extends string>(options: readonly T[], defaultValue: T): Field<T> {
  return field(v.picklist(options), defaultValue);
}

/** A true/false option. */
export function flagField(defaultValue: boolean): Field<boolean> {
  return field(v.boolean(), defaultValue);
}
