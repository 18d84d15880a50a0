import { describe, expect, it } from 'vitest';
import { firstReach, reachText } from '~components/widgets/lab/reach.ts';

describe('time to 95%', () => {
  it('firstReach(samples) takes the earliest step at or above 0.95, even when samples arrive out of order and later dip', () => {
    const samples = [
      { step: 75, sequence: 0.97, seconds: 7.5 },
      { step: 25, sequence: 0.2, seconds: 2.5 },
      { step: 50, sequence: 0.95, seconds: 5.1 },
      { step: 100, sequence: 0.9, seconds: 10 },
    ];
    expect(firstReach(samples)).toEqual({ step: 50, seconds: 5.1 });
  });

  it('firstReach(samples) is undefined when no sample reaches 0.95 (0.9499 does not round up)', () => {
    expect(firstReach([{ step: 25, sequence: 0.9499, seconds: 1 }])).toBeUndefined();
    expect(firstReach([])).toBeUndefined();
  });

  it('reachText says the step and seconds, "not yet", or that loaded weights were already there', () => {
    expect(reachText({ step: 125, seconds: 13.04 }, 0)).toBe('95% at step 125, after 13.0 s');
    expect(reachText(undefined, 0)).toBe('not yet at 95%');
    expect(reachText({ step: 125, seconds: 0 }, 125)).toBe('95% or more as loaded (step 125)');
    expect(reachText({ step: 150, seconds: 2 }, 125)).toBe('95% at step 150, after 2.0 s');
  });
});
