import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  decodeState,
  defaultsOf,
  type Fields,
  fromBase64Url,
  maxCodeLength,
  readHashParam,
  toBase64Url,
  validateFields,
  writeHashParam,
} from '~lib/url/state.ts';

/** Whether a link code decodes to JSON text at all (what decodeState tries before validating fields). */
function readsAsJson(code: string): boolean {
  try {
    JSON.parse(fromBase64Url(code));
    return true;
  } catch {
    return false;
  }
}

/**
 * Fuzzing every widget's link state (`#w-<id>=<base64url JSON>`): whatever a
 * pasted link holds, decoding never throws, every field of the result passes
 * its own schema, a valid field is kept, an invalid one falls back to ITS
 * default with a message, and nothing leaks onto Object.prototype. The field
 * sets are discovered: every `…Fields` export of components/state/models/ and the lab's state.
 * fast-check runs with a fixed seed and a bounded number of runs.
 */

// Worker scripts (`*-worker.ts`) are left out: they run only in a worker (they listen on `self`) and export no fields.
const modules = import.meta.glob(
  [
    '../../../components/state/models/*.ts',
    '!../../../components/state/models/*-worker.ts',
    '../../../components/widgets/lab/*.svelte.ts',
  ],
  { eager: true },
) as Record<string, Record<string, unknown>>;

function isFields(x: unknown): x is Fields {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const values = Object.values(x);
  return (
    values.length > 0 &&
    values.every((f) => f !== null && typeof f === 'object' && 'schema' in f && typeof f.fallback === 'function')
  );
}

const widgetFields: [string, Fields][] = [];
for (const [path, mod] of Object.entries(modules)) {
  for (const [name, value] of Object.entries(mod)) {
    if (name.endsWith('Fields') && isFields(value)) widgetFields.push([`${path.split('/').at(-1)}:${name}`, value]);
  }
}

const runs = { seed: 20_260_909, numRuns: 60 };

/** Every field of `state` passes its schema (so a widget can restore it without checks of its own). */
function expectValid(fields: Fields, state: Record<string, unknown>) {
  for (const [k, f] of Object.entries(fields)) {
    const r = v.safeParse(f.schema, state[k]);
    expect(r.success, `field ${k} = ${JSON.stringify(state[k])?.slice(0, 80)}`).toBe(true);
  }
}

/** Values a hostile or broken link may hold for one field. */
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(
    null,
    true,
    '',
    'NaN',
    'Infinity',
    1e308,
    -1e308,
    5e-324,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    [],
    [[]],
    [null],
    [[1e308, -1e308]],
    {},
    { __proto__: { polluted: 1 } },
    { constructor: { prototype: { polluted: 1 } } },
  ),
  fc.array(fc.double(), { maxLength: 40 }),
  fc.array(fc.array(fc.double(), { maxLength: 6 }), { maxLength: 6 }),
);

describe('decodeState over every widget’s fields', () => {
  it('discovers the widgets’ field sets from components/state', () => {
    expect(widgetFields.length).toBeGreaterThanOrEqual(10);
  });

  for (const [name, fields] of widgetFields) {
    describe(name, () => {
      it('decodeState(random text) never throws and gives a whole, valid state', () => {
        fc.assert(
          fc.property(fc.string({ maxLength: 300 }), (code) => {
            const { state } = decodeState(fields, code);
            expectValid(fields, state as Record<string, unknown>);
          }),
          runs,
        );
      });

      it('decodeState(random base64url bytes) never throws; undecodable text gives the defaults and one message', () => {
        let unreadable = 0;
        fc.assert(
          fc.property(fc.base64String({ maxLength: 200 }), (b64) => {
            const code = b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
            const { state, messages } = decodeState(fields, code);
            expectValid(fields, state as Record<string, unknown>);
            if (code === '' || readsAsJson(code)) return;
            unreadable++;
            expect(state).toEqual(defaultsOf(fields));
            expect(messages).toHaveLength(1);
          }),
          runs,
        );
        // Random bytes are almost never JSON: the branch above must have been checked, not skipped every time.
        expect(unreadable).toBeGreaterThan(0);
      });

      it('decodeState(JSON with wrong types, NaN, ±Infinity, 1e308 per field) keeps valid fields, defaults the rest with one message each', () => {
        const keys = Object.keys(fields);
        const defaults = defaultsOf(fields) as Record<string, unknown>;
        fc.assert(
          fc.property(
            fc.dictionary(fc.constantFrom(...keys, 'zz', '__proto__', 'constructor'), nasty, { maxKeys: 8 }),
            (raw) => {
              const { state, messages } = decodeState(fields, toBase64Url(JSON.stringify(raw)));
              const s = state as Record<string, unknown>;
              expectValid(fields, s);
              // JSON turns NaN and ±Infinity into null; compare against what the link really carries.
              const carried = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
              let refused = 0;
              for (const k of Object.keys(carried)) {
                const f = fields[k];
                if (!Object.hasOwn(fields, k) || f === undefined) {
                  refused++;
                  continue;
                }
                if (v.safeParse(f.schema, carried[k]).success) expect(s[k]).toEqual(carried[k]);
                else {
                  expect(s[k]).toEqual(defaults[k]);
                  refused++;
                }
              }
              expect(messages.length).toBe(refused);
              expect(({} as Record<string, unknown>).polluted).toBeUndefined();
            },
          ),
          runs,
        );
      });

      it('decodeState(huge arrays, deep nesting, 100 KB strings) refuses them with messages, quickly', () => {
        const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
        const [first = 'x', second = first] = Object.keys(fields);
        // One huge array and one 100 KB string: within the length limit, so refused field by field.
        const huge = JSON.stringify({ [first]: Array(50_000).fill(1) });
        const long = JSON.stringify({ [second]: 'x'.repeat(100_000) });
        const nested = `{"${Object.keys(fields)[0]}":${deep}}`;
        for (const text of [deep, huge, long, nested]) {
          const code = toBase64Url(text);
          const start = performance.now();
          const { state, messages } = decodeState(fields, code);
          expect(performance.now() - start).toBeLessThan(2000);
          expectValid(fields, state as Record<string, unknown>);
          expect(messages.length).toBeGreaterThan(0);
        }
      });

      it('validateFields(non-objects) gives the defaults and says so', () => {
        for (const raw of [null, 1, 'x', [], [1, 2], true]) {
          const { state, messages } = validateFields(fields, raw);
          expect(state).toEqual(defaultsOf(fields));
          expect(messages).toHaveLength(1);
        }
      });
    });
  }
});

describe('the hash around the state', () => {
  it('readHashParam/writeHashParam(random hashes) never throw and keep other widgets’ params', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 20 }), (hash, id) => {
        const code = readHashParam(hash, id);
        expect(typeof code).toBe('string');
        const next = writeHashParam(hash, id, 'abc');
        expect(readHashParam(next, id)).toBe('abc');
        expect(readHashParam(writeHashParam(next, id, ''), id)).toBe('');
      }),
      runs,
    );
  });

  it('decodeState(a 5 MB link) is refused by its length at once, with the defaults and one message', () => {
    const [, fields] = widgetFields[0] ?? ['', {}];
    const start = performance.now();
    const { state, messages } = decodeState(fields, 'A'.repeat(maxCodeLength * 25));
    expect(performance.now() - start).toBeLessThan(50);
    expect(state).toEqual(defaultsOf(fields));
    expect(messages).toEqual([expect.stringMatching(/too long/)]);
  });

  it('decodeState(a 100 KB hash of junk) returns the defaults with one message', () => {
    const [, fields] = widgetFields[0] ?? ['', {}];
    const { state, messages } = decodeState(fields, '%%%'.repeat(35_000));
    expect(state).toEqual(defaultsOf(fields));
    expect(messages).toHaveLength(1);
  });
});
