import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { tensor } from '~engine/index.ts';
import { evaluateScratch } from '~lib/scratch/math.ts';
import type { EvaluateScratch } from '~lib/scratch/port.ts';
import { ScratchpadState, tensorToScope } from '~components/state/kit/scratchpad.svelte.ts';

describe('ScratchpadState', () => {
  it('result says the library is loading until activate() resolves and a first answer came', async () => {
    const pad = new ScratchpadState(() => ({ z: [1] }), 'max(z)');
    expect(pad.result).toMatchObject({ ok: false, message: 'Loading the math library…' });
    await pad.activate();
    expect(pad.active).toBe(true);
    expect(pad.result).toMatchObject({ ok: false, message: 'Loading the math library…' });
    expect(await pad.refresh()).toMatchObject({ ok: true, value: 1 });
  });
  it('refresh() evaluates the current scope (an edited weight) and expression', async () => {
    let scope = $state({ z: [0.2, 0.9] });
    const pad = new ScratchpadState(() => scope, 'max(z)');
    await pad.activate();
    expect(await pad.refresh()).toMatchObject({ ok: true, value: 0.9 });
    scope = { z: [0.2, 0.95] };
    flushSync();
    expect(await pad.refresh()).toMatchObject({ ok: true, value: 0.95 });
    pad.expression = 'import({})';
    expect((await pad.refresh()).ok).toBe(false);
    expect(pad.names).toEqual(['z']);
  });
  it('an answer overtaken by a newer question is dropped: the result belongs to the latest values', async () => {
    // An evaluator whose first answer comes after its second, as a busy worker's might not but a slow one could.
    let releaseFirst = () => {};
    let calls = 0;
    const slowFirst: EvaluateScratch = (expression, scope) => {
      const r = evaluateScratch(expression, scope);
      if (calls++ > 0) return Promise.resolve(r);
      return new Promise((resolve) => {
        releaseFirst = () => resolve(r);
      });
    };
    let scope = $state({ z: [1, 2] });
    const pad = new ScratchpadState(
      () => scope,
      'sum(z)',
      async () => slowFirst,
    );
    await pad.activate();
    const first = pad.refresh();
    scope = { z: [10, 20] };
    flushSync();
    await pad.refresh();
    expect(pad.result).toMatchObject({ ok: true, value: 30 });
    releaseFirst();
    await first;
    expect(pad.result).toMatchObject({ ok: true, value: 30 });
  });
  it('busy from stale() until that question is answered, and not before the first answer', async () => {
    let scope = $state({ z: [1, 2] });
    const pad = new ScratchpadState(() => scope, 'sum(z)');
    expect(pad.busy).toBe(true);
    await pad.activate();
    await pad.refresh();
    expect(pad.busy).toBe(false);
    scope = { z: [5, 5] };
    flushSync();
    const question = pad.stale();
    // The old answer is still shown, and says it is out of date.
    expect(pad.result).toMatchObject({ ok: true, value: 3 });
    expect(pad.busy).toBe(true);
    await pad.refresh(question);
    expect(pad.busy).toBe(false);
    expect(pad.result).toMatchObject({ ok: true, value: 10 });
  });
  it('a worker that fails says so in the result', async () => {
    const failing: EvaluateScratch = () => Promise.reject(new Error('worker gone'));
    const pad = new ScratchpadState(
      () => ({ z: [1] }),
      'max(z)',
      async () => failing,
    );
    await pad.activate();
    expect(await pad.refresh()).toMatchObject({ ok: false, message: expect.stringContaining('worker gone') });
  });
  it('tensorToScope(t) turns engine tensors into scalars, vectors and row matrices', () => {
    expect(tensorToScope(tensor([1, 2]))).toEqual([1, 2]);
    expect(
      tensorToScope(
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});
