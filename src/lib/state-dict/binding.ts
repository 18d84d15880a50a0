/**
 * A widget's weights as a PyTorch `state_dict` saved as JSON, in both
 * directions. A binding names, for each PyTorch key, the link-state field
 * that holds it and how the widget lays it out; the widget's own link state
 * (snapshot/restore) is the only way in or out, so an import is checked by
 * the same rules as a link and nothing else of the widget can change.
 */

/**
 * How a field holds a PyTorch tensor: `matrix` as PyTorch does ([out, in]
 * rows), `column` a 1-D tensor as one-number rows (the weight panel's bias
 * columns), `vector` a 1-D tensor as a plain array, `transpose` a 2-D tensor
 * stored transposed (v_a as a column where nn.Linear keeps [1, A]).
 */
export type Layout = 'matrix' | 'column' | 'vector' | 'transpose';

/** One PyTorch key and the field holding it. */
export interface DictEntry {
  readonly key: string;
  readonly field: string;
  readonly layout: Layout;
}

/**
 * Every key a widget reads and writes. Several keys on one field add up on
 * import (nn.RNN's `bias_ih` + `bias_hh` are one bias in a cell that has
 * one); on export the first gets the field and the rest zeros.
 */
export interface StateDictBinding {
  /** The PyTorch module the keys come from, for messages and file names, e.g. `nn.LSTM`. */
  readonly module: string;
  readonly entries: readonly DictEntry[];
  /** Fields set on every import, e.g. the preset menu to "custom". */
  readonly onImport?: Readonly<Record<string, unknown>>;
}

/**
 * What a widget offers its state-dict file: its link state, and the way back. A widget whose link leaves weights
 * out while they are derived (multi-head's, built from head patterns) fills them in with `stateDictSnapshot`.
 */
export interface WeightsModel {
  // biome-ignore lint/suspicious/noExplicitAny: each widget's snapshot has its own field types; the binding names them.
  snapshot(): any;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  stateDictSnapshot?(): any;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  restore(state: any): void;
}

/** The model's state with every weight the binding names filled in: what an export writes and an import checks against. */
export function weightsSnapshot(model: WeightsModel): Snapshot {
  return model.stateDictSnapshot?.() ?? model.snapshot();
}

/** A nested array of numbers as JSON holds it. */
export type Nested = number[] | number[][];

type Snapshot = Readonly<Record<string, unknown>>;
type Matrix = number[][];

/** The tensor a field holds, in PyTorch's layout. */
function toTorch(value: unknown, layout: Layout): Nested {
  const m = value as Matrix | number[];
  if (layout === 'vector') return [...(m as number[])];
  if (layout === 'column') return (m as Matrix).map((r) => r[0] as number);
  if (layout === 'transpose') {
    const rows = m as Matrix;
    return (rows[0] ?? []).map((_, j) => rows.map((r) => r[j] as number));
  }
  return (m as Matrix).map((r) => [...r]);
}

/** The shape PyTorch gives the tensor a field of this value holds. */
export function torchShape(value: unknown, layout: Layout): number[] {
  const t = toTorch(value, layout);
  return Array.isArray(t[0]) ? [t.length, (t[0] as number[]).length] : [t.length];
}

/** The widget's current weights as a state dict, keys in the binding's order. */
export function exportStateDict(binding: StateDictBinding, snapshot: Snapshot): Record<string, Nested> {
  const out: Record<string, Nested> = {};
  const seen = new Set<string>();
  for (const e of binding.entries) {
    const t = toTorch(snapshot[e.field], e.layout);
    out[e.key] = seen.has(e.field) ? zeros(t) : t;
    seen.add(e.field);
  }
  return out;
}

function zeros(t: Nested): Nested {
  return t.map((x) => (Array.isArray(x) ? x.map(() => 0) : 0)) as Nested;
}

/** Files larger than this are refused unread: the biggest widget's weights are a few kilobytes. */
export const maxStateDictBytes = 1_000_000;

/** An import's outcome: the widget's next link state, or why the file was refused (and nothing changed). */
export type ImportResult = { ok: true; state: Record<string, unknown> } | { ok: false; message: string };

/** Why a file of `bytes` is refused unread, or undefined when its size is fine. */
export function sizeRefusal(bytes: number): string | undefined {
  if (bytes <= maxStateDictBytes) return undefined;
  return `The file is ${Math.ceil(bytes / 1000)} kB; a widget's state dict is a few kB (at most ${maxStateDictBytes / 1000} kB is read).`;
}

const refuse = (message: string): ImportResult => ({ ok: false, message });

/** The shape of a nested list of numbers, or where it stops being one. */
function shapeOf(value: unknown): { shape: number[] } | { bad: string } {
  if (!Array.isArray(value)) return { bad: 'is not a list of numbers' };
  if (value.every((x) => typeof x === 'number')) {
    const at = value.findIndex((x) => !Number.isFinite(x));
    return at < 0 ? { shape: [value.length] } : { bad: `holds ${value[at]} at [${at}]` };
  }
  if (!value.every(Array.isArray)) {
    const at = value.findIndex((x) => typeof x !== 'number' && !Array.isArray(x));
    return { bad: `holds ${JSON.stringify(value[at])} at [${at}], not a number` };
  }
  const cols = (value[0] as unknown[]).length;
  for (const [i, row] of (value as unknown[][]).entries()) {
    if (row.length !== cols) return { bad: `has rows of different lengths (${cols} and ${row.length})` };
    const j = row.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x));
    if (j >= 0) return { bad: `holds ${JSON.stringify(row[j])} at [${i}, ${j}], not a finite number` };
  }
  return { shape: [value.length, cols] };
}

/** The field's value for a PyTorch tensor already checked to have the field's shape. */
function fromTorch(t: Nested, layout: Layout): unknown {
  if (layout === 'vector') return [...(t as number[])];
  if (layout === 'column') return (t as number[]).map((x) => [x]);
  const m = t as number[][];
  if (layout === 'transpose') return (m[0] ?? []).map((_, j) => m.map((r) => r[j] as number));
  return m.map((r) => [...r]);
}

function add(a: unknown, b: unknown): unknown {
  if (Array.isArray(a)) return a.map((x, i) => add(x, (b as unknown[])[i]));
  return (a as number) + (b as number);
}

const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;

/**
 * Reads a state dict written by `json.dump(model.state_dict() as lists)` and
 * returns the widget's next state, or a message naming the first problem:
 * not JSON, NaN or Infinity, a missing or unexpected key, a wrong shape.
 * The tensor shapes expected are the ones the widget has now.
 */
export function importStateDict(binding: StateDictBinding, snapshot: Snapshot, text: string): ImportResult {
  const tooLarge = sizeRefusal(text.length);
  if (tooLarge) return refuse(tooLarge);
  let dict: unknown;
  try {
    dict = JSON.parse(text);
  } catch (e) {
    if (/\bNaN\b|Infinity/.test(text)) {
      return refuse('The file holds NaN or Infinity: every weight must be a finite number.');
    }
    return refuse(`The file is not JSON (${(e as Error).message}).`);
  }
  if (typeof dict !== 'object' || dict === null || Array.isArray(dict)) {
    return refuse('The file is not a state dict: expected a JSON object of parameter names and nested lists.');
  }
  const keys = binding.entries.map((e) => e.key);
  const extra = Object.keys(dict).find((k) => !keys.includes(k));
  if (extra !== undefined) {
    return refuse(`Unexpected key ${extra}: ${binding.module} has ${keys.join(', ')}.`);
  }
  const fields: Record<string, unknown> = {};
  for (const e of binding.entries) {
    const want = torchShape(snapshot[e.field], e.layout);
    if (!Object.hasOwn(dict, e.key)) return refuse(`Missing key ${e.key} (a tensor of shape ${shapeText(want)}).`);
    const got = shapeOf((dict as Record<string, unknown>)[e.key]);
    if ('bad' in got)
      return refuse(`${e.key} ${got.bad}; expected a tensor of shape ${shapeText(want)} of finite numbers.`);
    if (shapeText(got.shape) !== shapeText(want)) {
      return refuse(`${e.key} has shape ${shapeText(got.shape)}, expected ${shapeText(want)}.`);
    }
    const value = fromTorch((dict as Record<string, Nested>)[e.key] as Nested, e.layout);
    fields[e.field] = e.field in fields ? add(fields[e.field], value) : value;
  }
  return { ok: true, state: { ...snapshot, ...fields, ...binding.onImport } };
}
