import { describe, expect, it } from 'vitest';
import { modelAt } from '~components/exercises/model-at.ts';
import type { ChallengeExercise, Verdict } from '~components/exercises/schema.ts';
import { LabSession } from '~components/widgets/lab/session.ts';
import { type LabPort, LabState, labFields } from '~components/widgets/lab/training-lab.svelte.ts';
import lab from '../../../../content/15-lab/exercises.ts';

const reach = lab.exercises.find((e) => e.id === 'lab-reach-95') as ChallengeExercise<'training-lab'>;

/** A lab at `state`, wired to the worker's session running in this process (messages cloned, as postMessage does). */
function connectedLab(state: object): LabState {
  const model = modelAt(() => new LabState(), labFields, state);
  let toPage: (data: unknown) => void = () => {};
  const session = new LabSession((m) => toPage(structuredClone(m)));
  const port: LabPort = {
    post: (m) => session.handle(structuredClone(m)),
    listen: (h) => {
      toPage = h;
    },
    close: () => session.handle({ type: 'pause' }),
  };
  model.connect(port);
  return model;
}

/** Trains until the check passes or `steps` steps are done (polling between the session's chunks). */
async function trainUntil(model: LabState, steps: number): Promise<Verdict> {
  model.start();
  let verdict = reach.check(model);
  while (!verdict.solved && model.step < steps) {
    await new Promise((r) => setTimeout(r, 50));
    verdict = reach.check(model);
  }
  model.pause();
  return verdict;
}

describe('lab exercises', () => {
  it('lab-reach-95: fails before training, on its start state and on the defaults', () => {
    for (const state of [reach.start, {}]) {
      const v = reach.check(modelAt(() => new LabState(), labFields, state));
      expect(v.solved, v.detail).toBe(false);
    }
  });

  it('lab-reach-95: from its solution state, real training passes the check within 600 steps', async () => {
    const model = connectedLab(reach.solution);
    const v = await trainUntil(model, 600);
    expect(v.solved, v.detail).toBe(true);
    expect(model.latest?.model.overall.sequence).toBeGreaterThanOrEqual(0.95);
    model.disconnect();
  }, 240_000);

  it('lab-reach-95: from its start state (lr 0.5), 150 steps of training leave the accuracy at 0', async () => {
    const model = connectedLab({ ...reach.start, cmp: false });
    const v = await trainUntil(model, 150);
    expect(v.solved, v.detail).toBe(false);
    expect(model.latest?.model.overall.sequence).toBe(0);
    model.disconnect();
  }, 240_000);

  it('restore() on a connected lab reconfigures its worker (a challenge’s Set up reaches training)', () => {
    const sent: unknown[] = [];
    const model = new LabState();
    model.connect({ post: (m) => sent.push(m), listen: () => {}, close: () => {} });
    sent.length = 0;
    model.restore({ ...model.snapshot(), lr: 0.5 });
    expect(sent).toContainEqual({ type: 'configure', settings: { ...model.settings, lr: 0.5 } });
  });
});
