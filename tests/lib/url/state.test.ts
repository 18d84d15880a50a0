import { describe, expect, it } from 'vitest';
import {
  choiceField,
  decodeState,
  encodeState,
  flagField,
  fromBase64Url,
  intField,
  matrixField,
  numberField,
  readHashParam,
  toBase64Url,
  validateFields,
  writeHashParam,
} from '~lib/url/state.ts';

const fields = {
  W: matrixField([
    [1, 2],
    [3, 4],
  ]),
  t: intField(0, 0, 5),
  tau: numberField(1, 0.1, 5),
  mode: choiceField(['cho', 'pytorch'], 'cho'),
  on: flagField(false),
};

describe('encodeState / decodeState', () => {
  it('decodeState(encodeState(s)) round-trips every field exactly, including awkward floats', () => {
    const s = {
      W: [
        [0.1 + 0.2, -1e-7],
        [Math.PI, -0],
      ],
      t: 3,
      tau: 0.30000000000000004,
      mode: 'pytorch' as const,
      on: true,
    };
    const back = decodeState(fields, encodeState(fields, s));
    expect(back.messages).toEqual([]);
    expect(back.state).toEqual({
      ...s,
      W: [
        [0.1 + 0.2, -1e-7],
        [Math.PI, 0],
      ],
    });
  });
  it('encodeState(defaults) is empty, so an untouched widget adds nothing to the URL', () => {
    expect(encodeState(fields, decodeState(fields, '').state)).toBe('');
  });
  it('decodeState(code) with one broken field keeps the others and says which field fell back', () => {
    const code = toBase64Url(
      JSON.stringify({
        t: 99,
        tau: 2,
        W: [
          [1, 'x'],
          [3, 4],
        ],
      }),
    );
    const { state, messages } = decodeState(fields, code);
    expect(state.tau).toBe(2);
    expect(state.t).toBe(0);
    expect(state.W).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(messages).toHaveLength(2);
    expect(messages.join(' ')).toMatch(/“W” was invalid.*“t” was invalid/);
  });
  it('decodeState(code) refuses NaN and Infinity smuggled in as strings or nulls', () => {
    // JSON.parse reads 1e400 as Infinity: the schema, not the parser, must refuse it.
    const code = toBase64Url('{"tau":null,"W":[[1e400,2],[3,4]]}');
    const { state, messages } = decodeState(fields, code);
    expect(state.tau).toBe(1);
    expect(state.W[0]).toEqual([1, 2]);
    expect(messages).toHaveLength(2);
  });
  it('decodeState(garbage) gives the defaults and one message instead of throwing', () => {
    for (const bad of ['%%%', 'bm90IGpzb24', toBase64Url('[1,2]')]) {
      const { state, messages } = decodeState(fields, bad);
      expect(state.t, bad).toBe(0);
      expect(messages, bad).toHaveLength(1);
    }
  });
  it('validateFields(raw) reports keys that are not part of the state', () => {
    expect(validateFields(fields, { zz: 1 }).messages[0]).toMatch(/not part/);
  });
});

describe('hash parameters', () => {
  it('writeHashParam(hash, id, code) sets one widget without touching another', () => {
    const h = writeHashParam(writeHashParam('', 'a', 'AAA'), 'b', 'BBB');
    expect(h).toBe('#w-a=AAA&w-b=BBB');
    expect(readHashParam(h, 'b')).toBe('BBB');
    expect(writeHashParam(h, 'a', '')).toBe('#w-b=BBB');
    expect(readHashParam('#other=1', 'a')).toBe('');
  });
  it('toBase64Url/fromBase64Url round-trip Unicode without padding or +/ characters', () => {
    const text = '{"τ":"h̃ ≥ 0 ???>>>"}';
    const code = toBase64Url(text);
    expect(code).toMatch(/^[\w-]+$/);
    expect(fromBase64Url(code)).toBe(text);
  });
});
