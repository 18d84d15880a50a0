import { describe, expect, it } from 'vitest';
import { sameValue } from '~components/state/kit/link-state.svelte.ts';

describe('sameValue (whether reading a link changes a widget)', () => {
  it('equal link states: numbers, strings, nested matrices, objects in any key order', () => {
    expect(
      sameValue(
        {
          W: [
            [1, 2],
            [3, 4],
          ],
          t: 0,
          n: 'softmax',
        },
        {
          n: 'softmax',
          t: 0,
          W: [
            [1, 2],
            [3, 4],
          ],
        },
      ),
    ).toBe(true);
    expect(sameValue([], [])).toBe(true);
  });
  it('a state that differs anywhere, in shape or in kind, is not the same', () => {
    expect(
      sameValue(
        {
          W: [
            [1, 2],
            [3, 4],
          ],
        },
        {
          W: [
            [1, 2],
            [3, 5],
          ],
        },
      ),
    ).toBe(false);
    expect(
      sameValue(
        { W: [[1, 2]] },
        {
          W: [
            [1, 2],
            [3, 4],
          ],
        },
      ),
    ).toBe(false);
    expect(sameValue({ t: 0 }, { t: 0, k: 1 })).toBe(false);
    expect(sameValue({ t: 0, k: undefined }, { t: 0, j: undefined })).toBe(false);
    expect(sameValue([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameValue('1', 1)).toBe(false);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue(0, -0)).toBe(false);
  });
});
