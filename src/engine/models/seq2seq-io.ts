/**
 * Seq2seq weights as JSON: `{ format, config, state_dict, meta }`, where
 * state_dict maps PyTorch names to nested arrays (see seq2seq-params.ts).
 * Each float32 is written as the shortest decimal that rounds back to it
 * (≤ 9 digits, not the 17 of its double), and −0 as `-0`, so export →
 * import gives the same bits at about half the size. Import checks everything before building anything: a bad file
 * throws a StateDictError and the caller's model is never touched.
 */
import { sizeOf } from '../shape.ts';
import { readParam, type StateDict, StateDictError } from './params.ts';
import type { Seq2Seq } from './seq2seq.ts';
import { type AttentionKind, type Seq2SeqConfig, seq2seqShapes } from './seq2seq-params.ts';

/** The `format` tag of a seq2seq weights file. */
export const SEQ2SEQ_FORMAT = 'stepwise-seq2seq@1';

/** Files larger than this are refused before parsing (default 8 MB; the lab's models are ~0.2 MB). */
export const MAX_MODEL_BYTES = 8 * 1024 * 1024;

/** The shortest decimal that reads back to the same float32 (JSON.parse then Float32Array), −0 kept. */
function num(v: number): string {
  if (Object.is(v, -0)) return '-0';
  for (let p = 1; p < 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(v);
}

function nested(values: Float32Array, shape: readonly number[]): string {
  if (shape.length <= 1) return `[${Array.from(values, num).join(',')}]`;
  const inner = sizeOf(shape.slice(1));
  const rows = Array.from({ length: shape[0] as number }, (_, r) =>
    nested(values.subarray(r * inner, (r + 1) * inner), shape.slice(1)),
  );
  return `[${rows.join(',')}]`;
}

/** The model as JSON text; `meta` (how it was trained, accuracy, …) is stored alongside unchanged. */
export function exportSeq2Seq(model: Seq2Seq, meta: Readonly<Record<string, unknown>> = {}): string {
  const entries = Object.entries(seq2seqShapes(model.config)).map(([name, shape]) => {
    const t = model.params[name];
    if (t === undefined) throw new StateDictError(`cannot export: the model has no ${name}`);
    return `${JSON.stringify(name)}:${nested(t.values(), shape)}`;
  });
  const head = `{"format":${JSON.stringify(SEQ2SEQ_FORMAT)},"config":${JSON.stringify(model.config)},"meta":${JSON.stringify(meta)}`;
  return `${head},"state_dict":{${entries.join(',')}}}`;
}

const ATTENTION: readonly AttentionKind[] = [
  'bahdanau',
  'luong-dot',
  'luong-general',
  'luong-concat',
  'none',
  'transformer',
];

function checkConfig(raw: unknown): Seq2SeqConfig {
  if (typeof raw !== 'object' || raw === null) throw new StateDictError('config is missing or not an object');
  const c = raw as Record<string, unknown>;
  for (const key of ['sourceVocab', 'targetVocab', 'embed', 'hidden']) {
    const v = c[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 4096) {
      throw new StateDictError(`config.${key} must be an integer in [1, 4096], got ${JSON.stringify(v)}`);
    }
  }
  if (c.encoder !== 'gru' && c.encoder !== 'lstm') throw new StateDictError(`config.encoder must be "gru" or "lstm"`);
  if (!ATTENTION.includes(c.attention as AttentionKind)) {
    throw new StateDictError(`config.attention must be one of ${ATTENTION.join(', ')}`);
  }
  if (c.gruVariant !== undefined && c.gruVariant !== 'cho' && c.gruVariant !== 'pytorch') {
    throw new StateDictError('config.gruVariant must be "cho" or "pytorch"');
  }
  for (const key of ['heads', 'layers', 'ffn']) {
    const v = c[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 4096)) {
      throw new StateDictError(`config.${key} must be an integer in [1, 4096], got ${JSON.stringify(v)}`);
    }
  }
  if (c.attention === 'transformer' && (c.embed as number) % ((c.heads as number | undefined) ?? 4) !== 0) {
    throw new StateDictError(`config.heads must divide config.embed`);
  }
  if (c.activation !== undefined && c.activation !== 'relu' && c.activation !== 'gelu') {
    throw new StateDictError('config.activation must be "relu" or "gelu"');
  }
  if (c.normFirst !== undefined && typeof c.normFirst !== 'boolean') {
    throw new StateDictError('config.normFirst must be true or false');
  }
  return raw as Seq2SeqConfig;
}

/** readParam, with every failure (non-finite values included) reported as a StateDictError. */
function read(dict: StateDict, name: string, shape: readonly number[]) {
  try {
    return readParam(dict, [name], shape);
  } catch (e) {
    throw e instanceof StateDictError ? e : new StateDictError((e as Error).message);
  }
}

/**
 * Parses and checks a weights file: size, JSON, format, config, then every
 * parameter's presence, shape and finiteness, and no unexpected keys.
 * `expect` (optional) pins config fields, e.g. the vocabulary sizes the
 * lab's task needs.
 */
export function importSeq2Seq(
  text: string,
  expect: Partial<Seq2SeqConfig> = {},
): { model: Seq2Seq; meta: Record<string, unknown> } {
  if (text.length > MAX_MODEL_BYTES) {
    throw new StateDictError(
      `weights file is ${(text.length / 1e6).toFixed(1)} MB; the limit is ${MAX_MODEL_BYTES / 1e6} MB`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new StateDictError(`weights file is not JSON: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== SEQ2SEQ_FORMAT) {
    throw new StateDictError(`weights file is not a ${SEQ2SEQ_FORMAT} file (its "format" field differs)`);
  }
  const file = raw as { config?: unknown; state_dict?: unknown; meta?: unknown };
  const config = checkConfig(file.config);
  for (const [key, want] of Object.entries(expect)) {
    const got = (config as unknown as Record<string, unknown>)[key];
    if (got !== want)
      throw new StateDictError(`config.${key} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  }
  if (typeof file.state_dict !== 'object' || file.state_dict === null)
    throw new StateDictError('state_dict is missing');
  const dict = file.state_dict as StateDict;
  const shapes = seq2seqShapes(config);
  const extra = Object.keys(dict).filter((k) => !(k in shapes));
  if (extra.length > 0) throw new StateDictError(`unexpected parameters: ${extra.join(', ')}`);
  const params = Object.fromEntries(Object.entries(shapes).map(([name, shape]) => [name, read(dict, name, shape)]));
  const meta = typeof file.meta === 'object' && file.meta !== null ? (file.meta as Record<string, unknown>) : {};
  return { model: { config, params }, meta };
}
