import { describe, expect, it } from 'vitest';
import {
  encode,
  gruCell,
  initialState,
  initSeq2Seq,
  mulberry32,
  readSource,
  Trace,
  traceCalls,
  uniformTensor,
} from '~engine/index.ts';
import { hasKernel } from '~engine/registry.ts';
import '~engine/train/fast-kernels.ts';

// Raw sources, so the import graph can be read in Node and in Chromium alike.
const sources = import.meta.glob('../../src/engine/**/*.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const ROOT = '../../src/engine/';

/** The engine files `path` (relative to src/engine/) imports at run time: type-only imports are erased. */
function runtimeImports(path: string): string[] {
  const text = sources[ROOT + path] ?? '';
  const specifiers = [...text.matchAll(/^(?:import|export)(?! type )[^;]*?['"](\.{1,2}\/[^'"]+)['"]/gms)].map(
    (m) => m[1] as string,
  );
  const dir = path.split('/').slice(0, -1);
  return specifiers.map((s) => {
    const parts = [...dir];
    for (const seg of s.split('/')) {
      if (seg === '..') parts.pop();
      else if (seg !== '.') parts.push(seg);
    }
    return parts.join('/');
  });
}

/** Every engine file reachable from `entry` through run-time imports. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const path = todo.pop() as string;
    if (seen.has(path)) continue;
    seen.add(path);
    todo.push(...runtimeImports(path));
  }
  return seen;
}

const TRAINING_ONLY = [
  'train/fast-kernels.ts',
  'train/additive-scores.ts',
  'train/gru-combine.ts',
  'train/matmul-rows.ts',
  'train/step-arena.ts',
];

describe("training's CPU kernels stay out of the chunk every widget page loads (issue 14)", () => {
  it('no file the engine barrel reaches imports them, while fast-kernels.ts reaches all of them', () => {
    const fromBarrel = reachable('index.ts');
    // The walk itself works: the barrel reaches the models and the trainer through re-exports.
    expect(fromBarrel.has('models/gru.ts') && fromBarrel.has('train/trainer.ts')).toBe(true);
    expect(TRAINING_ONLY.filter((f) => fromBarrel.has(f))).toEqual([]);
    expect(TRAINING_ONLY.filter((f) => !reachable('train/fast-kernels.ts').has(f))).toEqual([]);
  });

  it('once registered, an untraced PyTorch GRU step on the CPU runs the fused op; a traced or Cho step does not', () => {
    expect(hasKernel('gruCombine', 'cpu') && hasKernel('gruCombineGrad', 'cpu')).toBe(true);
    const rng = mulberry32(5);
    const u = (shape: number[]) => uniformTensor(shape, rng, 0.5);
    const params = { W_ih: u([12, 3]), W_hh: u([12, 4]), b_ih: u([12]), b_hh: u([12]) };
    const x = u([2, 3]);
    const h = u([2, 4]);
    const ops = (variant: 'cho' | 'pytorch', trace?: Trace) =>
      traceCalls(() => gruCell(params, variant).step(x, { h }, trace, trace && 0)).calls.map((c) => c.op);
    expect(ops('pytorch')).toContain('gruCombine');
    expect(ops('pytorch', new Trace())).not.toContain('gruCombine');
    expect(ops('cho')).not.toContain('gruCombine');
  });

  it("once registered, the seq2seq decoder's Bahdanau scores on the CPU run the fused op", () => {
    expect(hasKernel('additiveScores', 'cpu') && hasKernel('additiveScoresGrad', 'cpu')).toBe(true);
    const config = {
      sourceVocab: 5,
      targetVocab: 5,
      embed: 3,
      hidden: 2,
      encoder: 'gru',
      attention: 'bahdanau',
    } as const;
    const params = initSeq2Seq(config, mulberry32(3));
    const enc = encode({ config, params }, [[1, 2, 3]]);
    const s0 = initialState(enc).s;
    const ops = traceCalls(() => readSource(config, params, s0, enc.memory)).calls.map((c) => c.op);
    expect(ops).toContain('additiveScores');
    expect(ops).not.toContain('tanh');
  });
});
