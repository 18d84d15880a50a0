import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { tensor } from '~engine/index.ts';
import { ScratchpadState, tensorToScope } from '~components/state/kit/scratchpad.svelte.ts';

describe('ScratchpadState', () => {
  it('result says the library is loading until activate() resolves', async () => {
    const pad = new ScratchpadState(() => ({ z: [1] }), 'max(z)');
    expect(pad.result).toMatchObject({ ok: false, message: 'Loading the math library…' });
    await pad.activate();
    expect(pad.active).toBe(true);
  });
  it('result re-evaluates when the scope changes (an edited weight)', async () => {
    let scope = $state({ z: [0.2, 0.9] });
    const pad = new ScratchpadState(() => scope, 'max(z)');
    await pad.activate();
    // Read outside an effect root: its callback's expects never ran (requireAssertions found this test empty).
    expect(pad.result).toMatchObject({ ok: true, value: 0.9 });
    scope = { z: [0.2, 0.95] };
    flushSync();
    expect(pad.result).toMatchObject({ ok: true, value: 0.95 });
    pad.expression = 'import({})';
    expect(pad.result.ok).toBe(false);
    expect(pad.names).toEqual(['z']);
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
