import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenQuiet } from '~lib/offline/when-quiet.ts';

// The offline copy (about 500 files) must not compete with a page's start-up or the reader's edits: whenQuiet
// runs it only after `after` ms and once `quietFor` ms have passed with no press, key or input.
const options = { after: 5000, quietFor: 3000, idleTimeout: 5000 };

describe('whenQuiet', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the task once, `after` ms after it was asked when nobody acts', () => {
    const task = vi.fn();
    whenQuiet(new EventTarget(), options, task);
    vi.advanceTimersByTime(4999);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('waits while the reader keeps editing, and runs `quietFor` ms after the last key', () => {
    const task = vi.fn();
    const page = new EventTarget();
    whenQuiet(page, options, task);
    for (let t = 0; t < 10_000; t += 1000) {
      vi.advanceTimersByTime(1000);
      page.dispatchEvent(new Event(t % 2000 === 0 ? 'keydown' : 'input'));
    }
    expect(task, 'not while edits keep coming').not.toHaveBeenCalled();
    vi.advanceTimersByTime(2999);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('stops listening once it has run (a later key does not run it again)', () => {
    const task = vi.fn();
    const page = new EventTarget();
    whenQuiet(page, options, task);
    vi.advanceTimersByTime(5000);
    page.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(10_000);
    expect(task).toHaveBeenCalledTimes(1);
  });
});
