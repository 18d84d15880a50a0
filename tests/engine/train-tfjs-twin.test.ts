import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer, type TrainerConfig } from '~engine/index.ts';
import { trainerConfig } from '~components/widgets/lab/config.ts';
import type { LabSettings } from '~components/widgets/lab/protocol.ts';
import { TWIN_LOSS_RTOL, twinLossesAgree } from '../reference/tfjs-seq2seq/agree.ts';
import { TfjsTwin } from '../reference/tfjs-seq2seq/twin.ts';

/**
 * The engine's Trainer against the TensorFlow.js twin (tests/reference/tfjs-seq2seq): same weights, batches and
 * optimiser settings, computed independently. Small sizes and 20 steps keep it to a few seconds on tf's pure-JS
 * cpu backend; a 1% change of the twin's learning rate moves its losses by ~2e-3 relative here, 200 times the
 * tolerance, and a twin clipping at 0.3 instead of 0.2 fails the third case from step 5 (Adam ignores a constant
 * scale of the gradients, so a clip shows once the clipped norms vary). Both checked by hand.
 */
const STEPS = 20;

/** The lab's quick run (3–5 digits, embed and hidden 8, batch 16, lr 0.01, seed 1) with the given attention. */
const quick = (attention: 'bahdanau' | 'none'): TrainerConfig =>
  trainerConfig({
    task: 'reverse',
    attention,
    embed: 8,
    hidden: 8,
    minLen: 3,
    maxLen: 5,
    lr: 0.01,
    batch: 16,
    seed: 1,
    compare: false,
    stopAt: 0,
  } satisfies LabSettings);

function bothRuns(config: TrainerConfig) {
  const engine = new Trainer(config);
  const twin = new TfjsTwin(config);
  const reports = Array.from({ length: STEPS }, () => engine.stepOnce());
  const twinLosses = Array.from({ length: STEPS }, () => twin.stepOnce());
  twin.dispose();
  return { reports, losses: reports.map((r) => r.loss), twinLosses };
}

describe('Trainer against its TensorFlow.js twin', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(['bahdanau', 'none'] as const)(
    `new Trainer(lab quick, %s).stepOnce() gives the twin's loss within rtol ${TWIN_LOSS_RTOL} for ${STEPS} steps`,
    (attention) => {
      const { losses, twinLosses } = bothRuns(quick(attention));
      expect(twinLossesAgree(losses, twinLosses)).toEqual([]);
      // The run learns: the comparison is not between two flat lines.
      expect(losses.at(-1)).toBeLessThan((losses[0] as number) - 0.3);
    },
  );

  it('with clip 0.2 the gradients are clipped on every step and the losses still agree', () => {
    // The lab's clip (5) never acts this early (‖g‖ ≈ 0.3), so a tighter clip puts both clipping paths under test.
    const { reports, losses, twinLosses } = bothRuns({ ...quick('bahdanau'), clip: 0.2 });
    expect(reports.every((r) => r.clipped)).toBe(true);
    expect(twinLossesAgree(losses, twinLosses)).toEqual([]);
  });
});
