import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { warmUp } from '~lib/worker/warm-up.ts';

describe('warmUp', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('runs the work once per task, so a request from the page waits behind one repetition at most', () => {
    const work = vi.fn();
    warmUp(work, { times: 5 });
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersToNextTimer();
    expect(work).toHaveBeenCalledTimes(1);
    vi.advanceTimersToNextTimer();
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('stops after `times` repetitions', () => {
    const work = vi.fn();
    warmUp(work, { times: 5 });
    vi.runAllTimers();
    expect(work).toHaveBeenCalledTimes(5);
  });

  it('stops once the repetitions have taken `budgetMs` in all', () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const work = vi.fn(() => {
      now += 30;
    });
    warmUp(work, { times: 100, budgetMs: 100 });
    vi.runAllTimers();
    // 30, 60, 90 are under the budget, 120 is not: four repetitions.
    expect(work).toHaveBeenCalledTimes(4);
  });

  it('stops at the first error', () => {
    const work = vi.fn(() => {
      if (work.mock.calls.length === 3) throw new Error('the model changed');
    });
    warmUp(work, { times: 10 });
    vi.runAllTimers();
    expect(work).toHaveBeenCalledTimes(3);
  });
});
