import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenQuietThenIdle } from '~components/state/kit/after-quiet.ts';

describe('whenQuietThenIdle', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once after the last of a run of re-armed calls has been quiet, then idle', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    // A drag: an edit every 16 ms for a second, each cancelling the previous wait and arming a new one.
    let cancel = whenQuietThenIdle(fn, 250, 250);
    for (let k = 0; k < 60; k++) {
      vi.advanceTimersByTime(16);
      cancel();
      cancel = whenQuietThenIdle(fn, 250, 250);
    }
    expect(fn).not.toHaveBeenCalled();
    // Quiet, but not idle yet (Node has no requestIdleCallback: the idle wait is a timeout).
    vi.advanceTimersByTime(250);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(250);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('never runs once cancelled, in the quiet wait or in the idle wait', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    whenQuietThenIdle(fn, 250, 250)();
    const cancelLater = whenQuietThenIdle(fn, 250, 250);
    vi.advanceTimersByTime(300);
    cancelLater();
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
  });
});
