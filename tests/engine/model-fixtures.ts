import { type StateDict, type Tensor, tensor } from '~engine/index.ts';
import models from '../fixtures/models.json' with { type: 'json' };
import type { FixtureTensor } from './fixtures.ts';
import { decode } from './tolerance.ts';

/** The model references from tests/fixtures/models.json (see scripts/reference/make_fixtures.py). */
export const M = models as unknown as {
  xs: FixtureTensor;
  gru: { state_dict: StateDict; cho: Record<string, FixtureTensor>[]; pytorch: Record<string, FixtureTensor>[] };
  lstm: { state_dict: StateDict; steps: Record<string, FixtureTensor>[] };
  rnn: { state_dict: StateDict; W_y: FixtureTensor; b_y: FixtureTensor; elman: Record<string, FixtureTensor>[] };
  jordan: { params: Record<string, FixtureTensor>; steps: Record<string, FixtureTensor>[] };
  bahdanau: {
    H: FixtureTensor;
    attention: Record<'W_a' | 'U_a' | 'v_a', FixtureTensor>;
    cell: StateDict;
    W_y: FixtureTensor;
    b_y: FixtureTensor;
    steps: Record<string, FixtureTensor>[];
  };
  luong: Record<string, FixtureTensor>;
  self_attention: Record<string, FixtureTensor>;
  multi_head: { X: FixtureTensor; heads: number; state_dict: StateDict; out: FixtureTensor };
};

/** A fixture tensor as an engine tensor. */
export function T(f: FixtureTensor): Tensor {
  return tensor(f.data.map(decode), f.shape);
}

/** The rows of a fixture matrix as vectors (a sequence x_1..x_T). */
export function rowsOf(f: FixtureTensor): Tensor[] {
  const t = T(f);
  const cols = t.shape[1] as number;
  return Array.from({ length: t.shape[0] as number }, (_, r) =>
    tensor(t.values().subarray(r * cols, (r + 1) * cols), [cols]),
  );
}
