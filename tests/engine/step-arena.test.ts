import { describe, expect, it } from 'vitest';
import { add, concat, slice, Tensor, Trainer, type TrainerConfig } from '~engine/index.ts';
import '~engine/train/fast-kernels.ts';
import { stepScope } from '~engine/train/step.ts';
import { arenaCounts, stepBuffer } from '~engine/train/step-arena.ts';

/** A small lab run: 4-digit reversal, Bahdanau, batch 8, Adam. */
const CONFIG: TrainerConfig = {
  task: 'reverse',
  sizes: 4,
  batchSize: 8,
  model: { embed: 6, hidden: 5, encoder: 'gru', gruVariant: 'pytorch', attention: 'bahdanau' },
  optimizer: { kind: 'adam', lr: 0.01 },
  clip: 5,
  seed: 3,
};

describe('training steps reuse their kernels’ output buffers (train/step-arena.ts)', () => {
  it('gives the same losses, bit for bit, as a step that allocates every buffer, and reuses buffers from step 2', () => {
    const around = stepScope.around;
    expect(around).toBeDefined();
    const reused = arenaCounts.reused;
    const withArena = new Trainer(CONFIG);
    const first = withArena.stepOnce().loss;
    const afterFirst = arenaCounts.reused;
    const arenaLosses = [first, ...Array.from({ length: 5 }, () => withArena.stepOnce().loss)];
    expect(arenaCounts.reused).toBeGreaterThan(afterFirst);
    expect(afterFirst - reused).toBeLessThan(arenaCounts.reused - afterFirst);
    stepScope.around = undefined;
    try {
      const plain = new Trainer(CONFIG);
      const plainLosses = Array.from({ length: 6 }, () => plain.stepOnce().loss);
      expect(arenaLosses).toEqual(plainLosses);
    } finally {
      stepScope.around = around;
    }
  });

  it('add, concat and slice take their outputs from the arena inside a step and new arrays outside one', () => {
    const around = stepScope.around;
    if (around === undefined) throw new Error('fast-kernels.ts did not set the step scope');
    const a = new Tensor([2, 3], Float32Array.of(1, 2, 3, 4, 5, 6));
    const outputs = () => [add(a, a), concat([a, a], 0), slice(a, [0, 1], [2, 2])];
    const first = around(() => outputs().map((t) => t.values()));
    const second = around(() => outputs().map((t) => [...t.values()]));
    const third = around(() => outputs().map((t) => t.values()));
    // The step before's buffers, handed out again (and refilled correctly).
    expect(third.map((v, i) => v === first[i])).toEqual([true, true, true]);
    expect(second).toEqual([
      [2, 4, 6, 8, 10, 12],
      [1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6],
      [2, 3, 5, 6],
    ]);
    const outside = outputs().map((t) => t.values());
    expect(outside.map((v, i) => v === third[i])).toEqual([false, false, false]);
  });

  it('outside a step, a buffer is always new and zeroed', () => {
    const counts = { ...arenaCounts };
    const a = stepBuffer(12);
    const b = stepBuffer(12);
    expect(a).not.toBe(b);
    expect([...a, ...b].every((v) => v === 0)).toBe(true);
    expect(arenaCounts).toEqual(counts);
  });
});
