import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '~engine/index.ts';
import type { FromWorker, LabSettings } from '~components/widgets/lab/protocol.ts';
import { type BackendSwitch, LabSession } from '~components/widgets/lab/session.ts';
import { type LabPort, LabState } from '~components/widgets/lab/training-lab.svelte.ts';

/**
 * A WebGL2 context lost while the lab trains: the session tells the page the
 * ops run on the CPU (keeping the reader's WebGL2 choice) and back on WebGL2
 * once restored; the page's badge follows what is in use, its select the choice.
 * (The real loss in a worker: tests/e2e/hardening-training.spec.ts.)
 */

const small: LabSettings = {
  task: 'reverse',
  attention: 'bahdanau',
  embed: 6,
  hidden: 6,
  minLen: 3,
  maxLen: 4,
  lr: 0.02,
  batch: 8,
  seed: 3,
  compare: false,
  stopAt: 0,
};

/** A backend switch where WebGL2 "works" (the ops still run on the CPU in Node); `lost` mimics a lost context. */
function fakeGpu(state: { lost: boolean }): BackendSwitch {
  return (backend) => {
    if (backend === 'cpu') return { ok: true, renderer: 'CPU test' };
    return state.lost ? { ok: true, renderer: 'GPU test', lost: 'context lost' } : { ok: true, renderer: 'GPU test' };
  };
}

function session(state = { lost: false }) {
  const out: FromWorker[] = [];
  const s = new LabSession((m) => out.push(structuredClone(m)), fakeGpu(state));
  s.handle({ type: 'configure', settings: small });
  const backends = () => out.filter((m): m is Extract<FromWorker, { type: 'backend' }> => m.type === 'backend');
  return { s, out, backends };
}

afterEach(() => {
  dispatch.force = undefined;
});

describe('LabSession.deviceChanged', () => {
  it('deviceChanged(problem) on WebGL2 reports the CPU in use with the reason and keeps WebGL2 as the choice', () => {
    const { s, backends } = session();
    s.handle({ type: 'backend', backend: 'webgl2' });
    s.deviceChanged('its context was lost');
    expect(backends().at(-1)).toEqual({
      type: 'backend',
      backend: 'cpu',
      requested: 'webgl2',
      renderer: 'CPU test',
      unavailable: 'its context was lost',
    });
    // The engine's routing is left to the registry (it skips an unusable backend): the force stays WebGL2.
    expect(dispatch.force).toBe('webgl2');
  });

  it('deviceChanged(undefined) after a loss reports WebGL2 in use again with its renderer', () => {
    const { s, backends } = session();
    s.handle({ type: 'backend', backend: 'webgl2' });
    s.deviceChanged('lost');
    s.deviceChanged(undefined);
    expect(backends().at(-1)).toEqual({
      type: 'backend',
      backend: 'webgl2',
      requested: 'webgl2',
      renderer: 'GPU test',
      unavailable: '',
    });
  });

  it('deviceChanged is ignored while the reader trains on the CPU', () => {
    const { s, backends } = session();
    s.handle({ type: 'backend', backend: 'webgl2' });
    s.handle({ type: 'backend', backend: 'cpu' });
    const before = backends().length;
    s.deviceChanged('lost');
    s.deviceChanged(undefined);
    expect(backends()).toHaveLength(before);
  });

  it('choosing WebGL2 while its context is lost reports the CPU in use, the choice kept', () => {
    const { s, backends } = session({ lost: true });
    s.handle({ type: 'backend', backend: 'webgl2' });
    expect(backends().at(-1)).toMatchObject({ backend: 'cpu', requested: 'webgl2', unavailable: 'context lost' });
  });

  it('a loss between steps changes neither the step count nor the losses already reported', () => {
    const { s, out } = session();
    s.handle({ type: 'backend', backend: 'webgl2' });
    s.handle({ type: 'step' });
    s.handle({ type: 'step' });
    s.deviceChanged('lost');
    s.handle({ type: 'step' });
    const progress = out.filter((m): m is Extract<FromWorker, { type: 'progress' }> => m.type === 'progress');
    expect(progress.map((p) => p.step)).toEqual([0, 1, 2, 3]);
    expect(progress.flatMap((p) => p.losses)).toHaveLength(3);
    expect(s.trainer?.step).toBe(3);
  });
});

describe('LabState with a lost context', () => {
  it('receive(backend cpu, requested webgl2) puts the badge on the CPU and keeps the select and link on WebGL2', () => {
    const lab = new LabState();
    const port: LabPort = { post: () => {}, listen: () => {}, close: () => {} };
    lab.connect(port);
    lab.setBackend('webgl2');
    lab.receive({ type: 'backend', backend: 'webgl2', requested: 'webgl2', renderer: 'GPU', unavailable: '' });
    expect([lab.backend, lab.inUse]).toEqual(['webgl2', 'webgl2']);
    lab.receive({ type: 'backend', backend: 'cpu', requested: 'webgl2', renderer: 'CPU', unavailable: 'lost' });
    expect([lab.backend, lab.inUse, lab.backendNote]).toEqual(['webgl2', 'cpu', 'lost']);
    expect(lab.snapshot().be).toBe('webgl2');
    lab.receive({ type: 'backend', backend: 'webgl2', requested: 'webgl2', renderer: 'GPU', unavailable: '' });
    expect([lab.inUse, lab.backendNote]).toEqual(['webgl2', '']);
  });

  it('receive(backend cpu, requested cpu) when WebGL2 cannot work moves the choice to the CPU too', () => {
    const lab = new LabState();
    lab.setBackend('webgl2');
    lab.receive({ type: 'backend', backend: 'cpu', requested: 'cpu', renderer: 'CPU', unavailable: 'no WebGL2' });
    expect([lab.backend, lab.inUse]).toEqual(['cpu', 'cpu']);
  });
});
