import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PretrainedState, readSnapshot } from '~components/widgets/lab/pretrained-alignment.svelte.ts';
import { inlineCompute } from '~components/widgets/lab/pretrained-compute.ts';

const files = (url: string) => Promise.resolve(readFileSync(`public${url}`, 'utf8'));

describe('PretrainedState', () => {
  it('load() decodes the default input with reverse8-attention and its α rows sum to 1', async () => {
    const p = new PretrainedState();
    await p.load({ snapshot: 'reverse8-attention', count: 10 }, files);
    expect(p.status).toBe('ready');
    expect(p.view?.output.join('')).toBe('62951413');
    expect(p.view?.expected.join('')).toBe('62951413');
    for (const row of p.view?.alphas ?? [])
      expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-5);
    // The first output reads the last digit: the reversal's anti-diagonal.
    const first = p.view?.alphas[0] ?? [];
    expect(first.indexOf(Math.max(...first))).toBe(7);
    expect(p.rows.map((r) => r.size)).toEqual([8]);
    expect(p.rows[0]?.model).toBeGreaterThanOrEqual(0.9);
  });

  it('a baseline is evaluated beside the model on the same sizes, and loses on long inputs', async () => {
    const p = new PretrainedState();
    await p.load(
      { snapshot: 'reverse-curve-attention', baseline: 'reverse-curve-none', sizes: [3, 12], count: 12 },
      files,
    );
    expect(p.rows.map((r) => r.size)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const long = p.rows.find((r) => r.size === 12);
    expect(long?.model).toBeGreaterThan((long?.baseline ?? 1) + 0.5);
  });

  it('setInput(text) refuses tokens outside the task and keeps the last decoding', async () => {
    const p = new PretrainedState();
    await p.load({ snapshot: 'reverse8-attention', count: 8 }, files);
    const before = p.view;
    p.setInput('12x');
    expect(p.inputError).toBe('The reverse digits task has no characters “x”.');
    expect(p.view).toBe(before);
  });

  it('is pending from an input until its decode is shown (the widget’s aria-busy), not while an older one lands', async () => {
    const inline = inlineCompute();
    const held: (() => void)[] = [];
    const p = new PretrainedState(() => ({
      ...inline,
      decode: (tokens) => new Promise((resolve) => held.push(() => resolve(inline.decode(tokens)))),
    }));
    const loading = p.load({ snapshot: 'reverse8-attention', count: 1 }, files);
    while (held.length === 0) await new Promise((r) => setTimeout(r, 1));
    expect(p.pending, 'the first decode is on its way').toBe(true);
    held[0]?.();
    await loading;
    expect(p.pending).toBe(false);
    const first = p.setInput('123');
    const second = p.setInput('4567');
    expect(p.pending).toBe(true);
    held[1]?.();
    await first;
    expect(p.pending, 'the older input’s answer is not the latest').toBe(true);
    held[2]?.();
    await second;
    expect(p.pending).toBe(false);
    expect(p.view?.source.join('')).toBe('4567');
  });

  it('a file that is not a weights file ends in the error state with the reason', async () => {
    const p = new PretrainedState();
    await p.load({ snapshot: 'broken' }, () => Promise.resolve('{"format": 1}'));
    expect(p.status).toBe('error');
    expect(p.error).toMatch(/not a stepwise-seq2seq@1 file/);
    expect(() => readSnapshot('x', 'nope')).toThrow(/not JSON/);
  });
});
