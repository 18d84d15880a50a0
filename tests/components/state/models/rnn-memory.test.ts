import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, toBase64Url } from '~lib/url/state.ts';
import type { MemorySettings } from '~components/state/models/rnn-memory.compute.ts';
import { MAX_STEPS, MemoryModel, memoryFields } from '~components/state/models/rnn-memory.svelte.ts';

/** Independent float64 reference: h_t = f(W_ih x_t + W_hh m_{t−1} + b_h), y_t = W_y h_t + b_y, m = h (Elman) or y (Jordan). */
function memory64(s: MemorySettings): { h: number[]; y: number[] }[] {
  const mv = (m: number[][], v: number[]) => m.map((row) => row.reduce((acc, w, j) => acc + w * (v[j] ?? 0), 0));
  const f = s.activation === 'tanh' ? Math.tanh : (v: number) => v;
  let h = [0, 0];
  let y = [0, 0];
  return s.inputs.map((x) => {
    const m = s.variant === 'jordan' ? y : h;
    const a = mv(s.W_ih, x);
    const b = mv(s.W_hh, m);
    h = a.map((v, i) => f(v + (b[i] ?? 0) + (s.b_h[i] ?? 0)));
    y = mv(s.W_y, h).map((v, i) => v + (s.b_y[i] ?? 0));
    return { h, y };
  });
}

/** float32 engine vs float64 reference at widget sizes. */
function expectClose(model: MemoryModel) {
  const want = memory64(model.settings as MemorySettings);
  const got = model.result.steps;
  expect(got).toHaveLength(want.length);
  got.forEach((step, k) => {
    const w = want[k] as { h: number[]; y: number[] };
    step.y.toArray().forEach((v, i) => {
      const ref = w.y[i] ?? Number.NaN;
      expect(Math.abs(v - ref), `y_${k + 1}[${i}]`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(ref)));
    });
    step.h.toArray().forEach((v, i) => {
      const ref = w.h[i] ?? Number.NaN;
      expect(Math.abs(v - ref), `h_${k + 1}[${i}]`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(ref)));
    });
  });
}

describe('MemoryModel', () => {
  it('new MemoryModel() shows the worked example: outputs [4,4], [12,12], [32,32] exactly', () => {
    const m = new MemoryModel();
    expect(m.result.steps.map((s) => s.y.toArray())).toEqual([
      [4, 4],
      [12, 12],
      [32, 32],
    ]);
    expect(m.result.problem).toBe('');
    expect(m.result.calls.length).toBeGreaterThan(0);
  });

  it('setWeight(W_hh, 0, 0, 2.5) changes every later output to the float64 reference', () => {
    const m = new MemoryModel();
    m.setWeight('W_hh', 0, 0, 2.5);
    expectClose(m);
    expect(m.result.steps[2]?.y.toArray()).not.toEqual([32, 32]);
  });

  it('moveInput(2, −1) twice puts [2,2] first and changes the last output to the reference ([44,44])', () => {
    const m = new MemoryModel();
    expect(m.moveInput(2, -1)).toBe(true);
    expect(m.moveInput(1, -1)).toBe(true);
    expect(m.settings.inputs).toEqual([
      [2, 2],
      [1, 1],
      [1, 1],
    ]);
    expectClose(m);
    expect(m.result.steps[2]?.y.toArray()).toEqual([44, 44]);
    expect(m.moveInput(0, -1)).toBe(false);
  });

  it('setVariant(jordan) and setActivation(tanh) match the float64 reference', () => {
    const m = new MemoryModel();
    m.setVariant('jordan');
    expectClose(m);
    m.setActivation('tanh');
    m.setInput(1, 0, -0.7);
    m.setBias('b_h', 1, 0.3);
    m.setBias('b_y', 0, -1);
    expectClose(m);
  });

  it('addStep and removeStep keep 1 to 8 steps and the stepper follows', () => {
    const m = new MemoryModel();
    while (m.addStep());
    expect(m.settings.inputs).toHaveLength(MAX_STEPS);
    expect(m.stepper.steps).toHaveLength(MAX_STEPS);
    expectClose(m);
    m.stepper.goTo(7);
    while (m.removeStep(m.t));
    expect(m.settings.inputs).toHaveLength(1);
    expect(m.stepper.steps).toHaveLength(1);
    expect(m.t).toBe(0);
  });

  it('a weight beyond float32 (1e30) reports overflow in words instead of showing wrong numbers silently', () => {
    const m = new MemoryModel();
    m.setWeight('W_hh', 0, 0, 1e30);
    m.setWeight('W_y', 0, 0, 1e30);
    expect(m.result.problem).toMatch(/overflowed/);
    m.reset();
    expect(m.result.problem).toBe('');
  });

  it('snapshot() round-trips through the URL encoding into restore()', () => {
    const m = new MemoryModel();
    m.setVariant('jordan');
    m.setWeight('W_ih', 1, 0, -0.5);
    m.addStep();
    m.stepper.goTo(3);
    const code = encodeState(memoryFields, m.snapshot());
    const n = new MemoryModel();
    const decoded = decodeState(memoryFields, code);
    expect(decoded.messages).toEqual([]);
    n.restore(decoded.state);
    expect(n.snapshot()).toEqual(m.snapshot());
    expect(n.t).toBe(3);
  });

  it('decodeState(memoryFields) refuses 9 inputs and a NaN weight, keeping the other fields', () => {
    const nine = Array.from({ length: 9 }, () => [1, 1]);
    const code = toBase64Url(
      JSON.stringify({
        x: nine,
        Wh: [
          [1, 'a'],
          [1, 1],
        ],
        v: 'jordan',
      }),
    );
    const { state, messages } = decodeState(memoryFields, code);
    expect(messages).toHaveLength(2);
    expect(state.v).toBe('jordan');
    expect(state.x).toEqual([
      [1, 1],
      [1, 1],
      [2, 2],
    ]);
  });
});
