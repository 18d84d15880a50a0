import { assertFinite } from '../nonfinite.ts';
import { type NestedNumbers, type Tensor, tensor } from '../tensor.ts';

/** A PyTorch `state_dict` exported as JSON: parameter name → nested arrays. */
export type StateDict = Readonly<Record<string, NestedNumbers>>;

/** Thrown when a state dict lacks a key or holds a tensor of the wrong shape; the message names both. */
export class StateDictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateDictError';
  }
}

/**
 * Reads one parameter from `dict`, trying `keys` in order (e.g. the PyTorch
 * name then the friendly one), checks its shape (−1 accepts any size) and
 * that every value is finite.
 */
export function readParam(dict: StateDict, keys: readonly string[], shape: readonly number[]): Tensor {
  const key = keys.find((k) => Object.hasOwn(dict, k));
  if (key === undefined) {
    const present = Object.keys(dict).join(', ') || 'none';
    throw new StateDictError(`missing parameter: expected one of ${keys.join(' / ')}; keys present: ${present}`);
  }
  let t: Tensor;
  try {
    t = tensor(dict[key] as NestedNumbers);
  } catch (e) {
    throw new StateDictError(`${key}: ${(e as Error).message}`);
  }
  const ok = t.rank === shape.length && shape.every((d, i) => d === -1 || d === t.shape[i]);
  if (!ok) {
    const want = shape.map((d) => (d === -1 ? '?' : d)).join(', ');
    throw new StateDictError(`${key} has shape [${t.shape.join(', ')}], expected [${want}]`);
  }
  assertFinite(key, t);
  return t;
}

/** Throws a StateDictError unless `t` has exactly `shape`; used when params arrive as tensors. */
export function checkShape(name: string, t: Tensor, shape: readonly number[]): void {
  if (t.rank !== shape.length || shape.some((d, i) => d !== t.shape[i])) {
    throw new StateDictError(`${name} has shape [${t.shape.join(', ')}], expected [${shape.join(', ')}]`);
  }
  assertFinite(name, t);
}
