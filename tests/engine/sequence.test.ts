import { describe, expect, it } from 'vitest';
import {
  gruCell,
  label,
  linearMemoryNetwork,
  loadRecurrentParams,
  lstmCell,
  nToM,
  nToN,
  nToOne,
  oneToN,
  runBidirectional,
  runSequence,
  runStacked,
  Trace,
  tensor,
} from '~engine/index.ts';
import { M, rowsOf } from './model-fixtures.ts';

const xs = rowsOf(M.xs);
const gru = gruCell(loadRecurrentParams(M.gru.state_dict, 3));
const lstm = lstmCell(loadRecurrentParams(M.lstm.state_dict, 4));

describe('sequence runners', () => {
  it('runBidirectional annotations are [h→_t; h←_t] with h←_t from the reversed run', () => {
    const trace = new Trace();
    const bi = runBidirectional(gru, lstm, xs, { trace });
    const back = runSequence(lstm, [...xs].reverse()).states.map((s) => s.h.toArray());
    bi.annotations.forEach((a, k) => {
      const v = a.toArray();
      expect(v.length).toBe(8);
      expect(v.slice(0, 4)).toEqual(bi.forward.states[k]?.h.toArray());
      expect(v.slice(4)).toEqual(back[xs.length - 1 - k]);
    });
    expect(trace.get('h', { step: 2, direction: 'backward' }).toArray()).toEqual(back[xs.length - 2]);
  });

  it('runStacked feeds each layer the states of the one below and tags the trace by layer', () => {
    const top = gruCell(loadRecurrentParams({ ...M.gru.state_dict, weight_ih_l0: transposeLike(4, 12) }, 3));
    const trace = new Trace();
    const runs = runStacked([gru, top], xs, { trace });
    const manual = runSequence(top, runs[0]?.states.map((s) => s.h) ?? []);
    expect(runs[1]?.final.h.toArray()).toEqual(manual.final.h.toArray());
    expect(trace.all('h', { layer: 2 }).length).toBe(xs.length);
  });
});

/** A [rows, cols] weight of small distinct values, for a second layer whose input size is 4. */
function transposeLike(cols: number, rows: number): number[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => ((r * cols + c) % 7) / 10 - 0.3),
  );
}

describe('the four RNN shapes', () => {
  it('nToN returns one output per input; nToOne returns the last of them', () => {
    const ys = nToN(gru, xs);
    expect(ys.length).toBe(xs.length);
    expect(nToOne(gru, xs).toArray()).toEqual(ys[ys.length - 1]?.toArray());
  });

  it("oneToN(cell, x, 3, {feed: 'first'}) feeds zeros after step 1; 'every' repeats x", () => {
    const net = linearMemoryNetwork();
    const first = oneToN(net, tensor([1, 1]), 3, { feed: 'first' }).map((h) => h.toArray());
    const every = oneToN(net, tensor([1, 1]), 3, { feed: 'every' }).map((h) => h.toArray());
    expect(first).toEqual([
      [2, 2],
      [4, 4],
      [8, 8],
    ]);
    expect(every).toEqual([
      [2, 2],
      [6, 6],
      [14, 14],
    ]);
  });

  it("nToM(encoder, decoder, xs, 2) uses the encoder's last state as c", () => {
    const dec = gruCell(loadRecurrentParams({ ...M.gru.state_dict, weight_ih_l0: transposeLike(4, 12) }, 3));
    const trace = new Trace();
    const out = nToM(gru, dec, xs, 2, { feed: 'every', trace });
    expect(out.context.toArray()).toEqual(runSequence(gru, xs).final.h.toArray());
    expect(out.outputs.length).toBe(2);
    expect(trace.get('c').toArray()).toEqual(out.context.toArray());
  });
});

describe('Trace', () => {
  it('trace.entries keep computation order and label() writes the chapter notation', () => {
    const trace = new Trace();
    runSequence(gru, xs.slice(0, 2), { trace });
    expect(trace.entries.map(label).slice(0, 6)).toEqual(['x_1', 'r_1', 'z_1', 'h̃_1', 'h_1', 'x_2']);
    expect(trace.symbols()).toEqual(['x', 'r', 'z', 'h̃', 'h']);
    expect(trace.steps()).toEqual([1, 2]);
  });

  it('trace.get(symbol, where) throws naming what was missing', () => {
    expect(() => new Trace().get('α', { step: 3 })).toThrow('trace has no α_3');
  });

  it('within() views record into one list; get() returns the last match and all() every match, in order', () => {
    const trace = new Trace();
    const layer2 = trace.within({ layer: 2 });
    trace.record('h', tensor([1]), { step: 1 });
    layer2.record('h', tensor([2]), { step: 1 });
    layer2.within({ head: 1 }).record('h', tensor([3]), { step: 1 });
    trace.record('c', tensor([4]), { step: 1 });
    expect(trace.entries.map(label)).toEqual(['h_1', 'layer 2: h_1', 'layer 2: h_1^(1)', 'c_1']);
    expect(layer2.entries).toBe(trace.entries);
    expect(trace.get('h', { step: 1 }).values()[0]).toBe(3);
    expect(trace.get('h', { step: 1, layer: 2, head: undefined }).values()[0]).toBe(3);
    expect(trace.all('h', { layer: 2 }).map((e) => e.value.values()[0])).toEqual([2, 3]);
    expect(trace.all('c').map((e) => e.value.values()[0])).toEqual([4]);
    expect(trace.all('z')).toEqual([]);
  });
});
