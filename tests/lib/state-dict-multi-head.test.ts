import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportStateDict, importStateDict, weightsSnapshot } from '~lib/state-dict/binding.ts';
import { stateDictBindings } from '~lib/state-dict/bindings.ts';
import { MultiHeadState } from '~components/state/models/multi-head.svelte.ts';

const dir = new URL('../fixtures/state-dicts/', import.meta.url);
/** nn.MultiheadAttention(8, 2)'s state dict in PyTorch's layout (float32 values), from make_state_dict_fixtures.py. */
const fixture = readFileSync(new URL('multi-head.json', dir), 'utf8');
/** Its float64 outputs on the widget's default tokens (numpy, written from PyTorch's documented equations). */
const reference = JSON.parse(readFileSync(new URL('reference.json', dir), 'utf8'))['multi-head'] as {
  X: number[][];
  A1: number[][];
  A2: number[][];
  out: number[][];
};
const binding = stateDictBindings['multi-head'];

function expectClose(got: readonly (readonly number[])[], want: readonly (readonly number[])[], tol: number) {
  expect(got.length).toBe(want.length);
  for (const [i, row] of want.entries()) {
    for (const [j, x] of row.entries())
      expect(Math.abs((got[i]?.[j] ?? Number.NaN) - x), `[${i}, ${j}]`).toBeLessThan(tol);
  }
}

describe('multi-head: nn.MultiheadAttention state dicts', () => {
  it('a float64 numpy fixture with PyTorch’s keys reproduces the reference out, α of both heads, biases included', () => {
    const model = new MultiHeadState();
    expect(model.inputs).toEqual(reference.X);
    const r = importStateDict(binding, weightsSnapshot(model), fixture);
    expect(r.ok ? '' : r.message).toBe('');
    if (!r.ok) return;
    model.restore(r.state as never);
    expect(model.imported).toBe(true);
    expect(model.heads).toBe(2);
    expectClose(model.result.heads[0]?.Ap ?? [], reference.A1, 1e-5);
    expectClose(model.result.heads[1]?.Ap ?? [], reference.A2, 1e-5);
    expectClose(model.result.out, reference.out, 1e-5);
  });

  it('exports the weights in use, hand-built ones included, and they import back exactly', () => {
    const model = new MultiHeadState();
    model.applyPreset('four');
    model.setOn(2, false);
    const text = JSON.stringify(exportStateDict(binding, weightsSnapshot(model)));
    const dict = JSON.parse(text) as Record<string, number[][]>;
    expect(Object.keys(dict)).toEqual(['in_proj_weight', 'in_proj_bias', 'out_proj.weight', 'out_proj.bias']);
    // As JSON holds them (-0 is written 0).
    const asJson = (x: unknown) => JSON.parse(JSON.stringify(x));
    expect(dict.in_proj_weight).toEqual(asJson(model.W_in));
    // Head 3 is off: its two columns of out_proj.weight are exported as the zeros the widget uses.
    expect(dict['out_proj.weight']?.map((row) => row.slice(4, 6))).toEqual(Array.from({ length: 8 }, () => [0, 0]));
    const other = new MultiHeadState();
    other.setHeads(4);
    const r = importStateDict(binding, weightsSnapshot(other), text);
    if (!r.ok) throw new Error(r.message);
    other.restore(r.state as never);
    expect(other.result.out).toEqual(model.result.out);
    expect(JSON.stringify(exportStateDict(binding, weightsSnapshot(other)))).toBe(text);
    // The link holds the imported weights; a preset builds the heads again and the link drops them.
    expect(other.snapshot().Wi).toEqual(asJson(model.W_in));
    other.applyPreset('prev-key');
    expect([other.imported, other.snapshot().Wi]).toEqual([false, null]);
  });

  const good = JSON.parse(fixture) as Record<string, unknown>;
  const cases: [name: string, text: string, message: RegExp][] = [
    [
      'in_proj_weight of another embed_dim',
      JSON.stringify({ ...good, in_proj_weight: Array.from({ length: 12 }, () => [0, 0, 0, 0]) }),
      /in_proj_weight has shape \[12, 4\], expected \[24, 8\]/,
    ],
    [
      'a missing out_proj.bias',
      JSON.stringify({ ...good, 'out_proj.bias': undefined }),
      /Missing key out_proj.bias \(a tensor of shape \[8\]\)/,
    ],
    [
      'separate q/k/v weights (kdim ≠ embed_dim)',
      JSON.stringify({ ...good, q_proj_weight: good.in_proj_weight }),
      /Unexpected key q_proj_weight: nn.MultiheadAttention has in_proj_weight, in_proj_bias, out_proj.weight, out_proj.bias/,
    ],
    ['NaN in in_proj_bias', fixture.replace(/"in_proj_bias": \[[^,]+,/, '"in_proj_bias": [NaN,'), /NaN or Infinity/],
  ];
  for (const [name, text, message] of cases) {
    it(`refuses ${name} with a message naming the key and shape, and keeps its weights`, () => {
      const model = new MultiHeadState();
      const before = exportStateDict(binding, weightsSnapshot(model));
      const r = importStateDict(binding, weightsSnapshot(model), text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(message);
      expect(exportStateDict(binding, weightsSnapshot(model))).toEqual(before);
    });
  }
});
