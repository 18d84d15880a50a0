import { describe, expect, it } from 'vitest';
import { ViewHolds } from '~components/state/kit/view-holds.svelte.ts';

describe('ViewHolds', () => {
  it('hold() unsettles until every hold is released; releasing twice counts once', () => {
    const holds = new ViewHolds();
    expect(holds.settled).toBe(true);
    const a = holds.hold();
    const b = holds.hold();
    expect(holds.settled).toBe(false);
    a();
    a();
    expect(holds.settled).toBe(false);
    b();
    expect(holds.settled).toBe(true);
  });
});
