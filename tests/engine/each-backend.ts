import { afterEach, beforeEach, describe, expect } from 'vitest';
import { dispatch, getBackend, type OpCall, onOpCall } from '~engine/registry.ts';
import type { BackendName } from '~engine/tensor.ts';

/**
 * The backends a test file runs on here: the CPU always; WebGL2 only in the
 * browser project, where its setup file registers it. A WebGL2 run that
 * silently fell back to the CPU fails (see `eachBackend`).
 */
export function backendsUnderTest(): BackendName[] {
  const names: BackendName[] = ['cpu'];
  if (getBackend('webgl2')?.available()) names.push('webgl2');
  else if ((globalThis as { __STEPWISE_EXPECT_WEBGL2__?: boolean }).__STEPWISE_EXPECT_WEBGL2__) {
    throw new Error('this run expects WebGL2, but the webgl2 backend is not available');
  }
  return names;
}

/**
 * Writes a suite once and runs it on every backend under test (tfjs
 * `describeWithFlags(ALL_ENVS)` in spirit). Every op dispatched inside is
 * forced onto that backend, and afterwards the suite checks that each op call
 * really ran there, so a backend that did not execute cannot pass.
 */
export function eachBackend(title: string, body: (backend: BackendName) => void): void {
  for (const backend of backendsUnderTest()) {
    describe(`${title} [${backend}]`, () => {
      let calls: OpCall[] = [];
      let stop: () => void = () => {};
      beforeEach(() => {
        calls = [];
        dispatch.force = backend;
        stop = onOpCall((c) => calls.push(c));
      });
      afterEach(() => {
        stop();
        dispatch.force = undefined;
        const elsewhere = calls.filter((c) => c.backend !== backend);
        expect(elsewhere, `ops that ran off ${backend}`).toEqual([]);
      });
      body(backend);
    });
  }
}
