import { describe, expect, it } from 'vitest';
import {
  gruCell,
  linearMemoryNetwork,
  loadRecurrentParams,
  lstmCell,
  rnnCell,
  runSequence,
  Trace,
  tensor,
} from '~engine/index.ts';
import { M, rowsOf, T } from './model-fixtures.ts';
import { expectClose } from './tolerance.ts';

const xs = rowsOf(M.xs);

describe('linearMemoryNetwork (the memory chapter worked example)', () => {
  it('linearMemoryNetwork() maps [1,1], [1,1], [2,2] to exactly [4,4], [12,12], [32,32]', () => {
    const run = runSequence(linearMemoryNetwork(), [tensor([1, 1]), tensor([1, 1]), tensor([2, 2])]);
    expect(run.outputs.map((y) => y.toArray())).toEqual([
      [4, 4],
      [12, 12],
      [32, 32],
    ]);
  });

  it('linearMemoryNetwork() gives different outputs when the input order changes', () => {
    const run = runSequence(linearMemoryNetwork(), [tensor([2, 2]), tensor([1, 1]), tensor([1, 1])]);
    expect(run.outputs.map((y) => y.toArray()[0])).toEqual([8, 20, 44]);
  });
});

describe('gruCell', () => {
  for (const variant of ['cho', 'pytorch'] as const) {
    it(`gruCell(params, '${variant}') matches the float64 reference for r, z, h̃, h at every step`, () => {
      const trace = new Trace();
      runSequence(gruCell(loadRecurrentParams(M.gru.state_dict, 3), variant), xs, { trace });
      M.gru[variant].forEach((ref, k) => {
        for (const sym of ['r', 'z', 'h̃', 'h'] as const)
          expectClose(trace.get(sym, { step: k + 1 }), ref[sym] as never);
      });
    });
  }

  it('gruCell variants differ once the state is nonzero', () => {
    const p = loadRecurrentParams(M.gru.state_dict, 3);
    const a = runSequence(gruCell(p, 'cho'), xs).final.h.toArray();
    const b = runSequence(gruCell(p, 'pytorch'), xs).final.h.toArray();
    expect(a).not.toEqual(b);
  });

  it('gruCell step accepts a batch [B, I] and matches the vector call per row', () => {
    const cell = gruCell(loadRecurrentParams(M.gru.state_dict, 3));
    const x0 = xs[0]?.toArray() ?? [];
    const x1 = xs[1]?.toArray() ?? [];
    const batch = cell.step(tensor([x0, x1]), cell.zeroState(2)).h;
    const one = cell.step(tensor(x1), cell.zeroState()).h.toArray();
    expect(batch.shape).toEqual([2, 4]);
    batch
      .toArray()
      .slice(4)
      .forEach((v, i) => {
        expect(v).toBeCloseTo(one[i] ?? Number.NaN, 6);
      });
  });
});

describe('lstmCell', () => {
  it('lstmCell(params) matches the float64 reference for i, f, g, o, c, h at every step', () => {
    const trace = new Trace();
    runSequence(lstmCell(loadRecurrentParams(M.lstm.state_dict, 4)), xs, { trace });
    M.lstm.steps.forEach((ref, k) => {
      for (const sym of ['i', 'f', 'g', 'o', 'c', 'h'] as const)
        expectClose(trace.get(sym, { step: k + 1 }), ref[sym] as never);
    });
  });
});

describe('rnnCell', () => {
  it('rnnCell(params, elman with output) matches the reference h and y', () => {
    const cell = rnnCell(loadRecurrentParams(M.rnn.state_dict, 1), { output: { W: T(M.rnn.W_y), b: T(M.rnn.b_y) } });
    const trace = new Trace();
    runSequence(cell, xs, { trace });
    M.rnn.elman.forEach((ref, k) => {
      expectClose(trace.get('h', { step: k + 1 }), ref.h as never);
      expectClose(trace.get('y', { step: k + 1 }), ref.y as never);
    });
  });

  it('rnnCell(params, jordan) feeds back outputs and matches the reference', () => {
    const p = M.jordan.params;
    const params = {
      W_ih: T(p.W_ih as never),
      W_hh: T(p.W_hh as never),
      b_ih: T(p.b_ih as never),
      b_hh: T(p.b_hh as never),
    };
    const cell = rnnCell(params, { variant: 'jordan', output: { W: T(M.rnn.W_y), b: T(M.rnn.b_y) } });
    const run = runSequence(cell, xs);
    M.jordan.steps.forEach((ref, k) => {
      expectClose(run.outputs[k] as never, ref.y as never);
    });
  });

  it('rnnCell accepts any activation function', () => {
    const cell = rnnCell(loadRecurrentParams(M.rnn.state_dict, 1), { activation: (t) => t });
    expect(cell.step(tensor([0, 0, 0]), cell.zeroState()).h.toArray().length).toBe(4);
  });
});
