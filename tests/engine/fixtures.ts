import type { RefValue } from './tolerance.ts';

/** A tensor as fixtures store it. */
export interface FixtureTensor {
  readonly shape: number[];
  readonly data: RefValue[];
}

/** One op case from tests/fixtures/ops.json (written by scripts/reference/make_fixtures.py). */
export interface OpCase {
  readonly name: string;
  readonly op: string;
  readonly inputs?: FixtureTensor[];
  /** Large cases: [shape, mulberry32 seed] per input instead of stored values. */
  readonly seeded?: [number[], number][];
  readonly rows?: number[];
  readonly attrs: Record<string, unknown>;
  readonly expected: FixtureTensor | FixtureTensor[];
  readonly tol: 'widget' | 'large';
}
