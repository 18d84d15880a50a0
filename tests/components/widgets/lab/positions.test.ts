import { describe, expect, it } from 'vitest';
import { Trainer } from '~engine/index.ts';
import type { LabSettings } from '~components/widgets/lab/protocol.ts';
import { evaluateLab, trainerConfig } from '~components/widgets/lab/session.ts';

/** The lab's defaults with every input 8 digits long, so each output position counts the same 120 answers. */
const eight: LabSettings = {
  task: 'reverse',
  attention: 'bahdanau',
  embed: 16,
  hidden: 16,
  minLen: 8,
  maxLen: 8,
  lr: 0.01,
  batch: 32,
  seed: 1,
  compare: true,
  stopAt: 0,
};

describe('lab accuracy by output position', () => {
  it('the no-attention twin reversing 8 digits: after 300 steps the worst position lies between the ends, and the last beats it', () => {
    // What the chapter tells the reader to look for: both ends fresh in [h→_n; h←_1], a dip between them.
    const twin = new Trainer(trainerConfig(eight, 'none'));
    for (let k = 0; k < 300; k++) twin.stepOnce();
    const a = evaluateLab(twin.model, twin.task, eight).byPosition.map((p) => p.accuracy);
    expect(a).toHaveLength(8);
    const worst = a.indexOf(Math.min(...a));
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThan(7);
    expect(a[7]).toBeGreaterThan((a[worst] as number) + 0.05);
    expect(a[0]).toBeGreaterThan(a[7] as number);
  }, 120_000);
});
