import { describe, expect, it } from 'vitest';
import { type GruVariant, gruCell, lstmCell, runSequence, Trace, tensor } from '~engine/index.ts';
import { gruPresets, lstmPresets } from '~components/state/data/gated-presets.ts';

const params = (w: { W_ih: number[][]; W_hh: number[][]; b_ih: number[]; b_hh: number[] }) => ({
  W_ih: tensor(w.W_ih),
  W_hh: tensor(w.W_hh),
  b_ih: tensor(w.b_ih),
  b_hh: tensor(w.b_hh),
});
const preset = <T extends { id: string }>(list: T[], id: string): T => {
  const p = list.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
};

describe('GRU presets', () => {
  const run = (id: string, variant: GruVariant = 'cho') => {
    const p = preset(gruPresets(), id);
    const trace = new Trace();
    runSequence(
      gruCell(params(p.weights), variant),
      p.inputs.map((x) => tensor(x)),
      { trace },
    );
    return trace;
  };
  it('the "copy" preset saturates z at 1, so h stays at its zero start', () => {
    const trace = run('copy');
    for (const e of trace.all('z')) for (const v of e.value.toArray()) expect(v).toBeGreaterThan(0.999);
    for (const e of trace.all('h')) for (const v of e.value.toArray()) expect(Math.abs(v)).toBeLessThan(0.01);
  });
  it('the "overwrite" preset makes h equal the candidate at every step', () => {
    const trace = run('overwrite');
    trace.all('h').forEach((e, k) => {
      const cand = trace.get('h̃', { step: k + 1 }).toArray();
      e.value.toArray().forEach((v, j) => {
        expect(Math.abs(v - (cand[j] ?? Number.NaN))).toBeLessThan(0.01);
      });
    });
  });
  it('the "no-past" preset (r ≈ 0) gives the same states for the Cho and PyTorch candidates', () => {
    const cho = run('no-past', 'cho').all('h');
    const torch = run('no-past', 'pytorch').all('h');
    cho.forEach((e, k) => {
      e.value.toArray().forEach((v, j) => {
        expect(Math.abs(v - (torch[k]?.value.toArray()[j] ?? Number.NaN))).toBeLessThan(1e-3);
      });
    });
  });
  it('the "reset-bias" preset (r ≈ 0, b_hn ≠ 0) gives different candidates: Cho keeps b_hn, PyTorch scales it by r', () => {
    const cho = run('reset-bias', 'cho');
    const torch = run('reset-bias', 'pytorch');
    for (const e of cho.all('r')) for (const v of e.value.toArray()) expect(v).toBeLessThan(0.002);
    const c1 = cho.get('h̃', { step: 1 }).toArray();
    const p1 = torch.get('h̃', { step: 1 }).toArray();
    // With h_0 = 0 the gap is tanh(W_in x + b_in + b_hn) against tanh(W_in x + b_in + r b_hn).
    expect(Math.abs((c1[0] ?? 0) - Math.tanh(1.2 + 1.5))).toBeLessThan(1e-5);
    expect(Math.abs((c1[1] ?? 0) - Math.tanh(-0.7 - 1))).toBeLessThan(1e-5);
    expect(Math.abs((c1[0] ?? 0) - (p1[0] ?? 0))).toBeGreaterThan(0.1);
    expect(Math.abs((c1[1] ?? 0) - (p1[1] ?? 0))).toBeGreaterThan(0.1);
  });
});

describe('LSTM presets', () => {
  const run = (id: string) => {
    const p = preset(lstmPresets(), id);
    const trace = new Trace();
    runSequence(
      lstmCell(params(p.weights)),
      p.inputs.map((x) => tensor(x)),
      { trace },
    );
    return trace;
  };
  const cells = (t: Trace) => t.all('c').map((e) => e.value.toArray()[0] ?? Number.NaN);
  it('"remember forever" keeps the written cell value to the last step', () => {
    const c = cells(run('remember'));
    expect(c[0]).toBeGreaterThan(0.85);
    expect(Math.abs((c.at(-1) ?? 0) - (c[0] ?? 0))).toBeLessThan(0.01);
  });
  it('"forget everything" drops the cell to 0 right after the write', () => {
    const c = cells(run('forget'));
    expect(c[0]).toBeGreaterThan(0.85);
    for (const v of c.slice(1)) expect(Math.abs(v)).toBeLessThan(0.01);
  });
  it('"write once, read later" shows the value in h only at the read step', () => {
    const h = run('write-read')
      .all('h')
      .map((e) => e.value.toArray()[0] ?? Number.NaN);
    for (const v of h.slice(0, -1)) expect(Math.abs(v)).toBeLessThan(0.01);
    expect(h.at(-1)).toBeGreaterThan(0.65);
  });
});
