import { nextSeed, randomMatrix } from '~lib/random/seeds.ts';

/** One named parameter matrix (a vector is one row or one column). */
export interface WeightSpec {
  /** Symbol used for data-symbol and the scratchpad scope, e.g. `W_z`. */
  readonly symbol: string;
  /** Visible heading in TeX-free text, e.g. "W_z (update gate)". */
  readonly label: string;
  readonly initial: readonly (readonly number[])[];
  /** Slider range; the number box accepts any finite value. */
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  /** Scale of "randomize" values, [-scale, scale). */
  readonly scale?: number;
}

/** A named set of values for some or all matrices, offered in the preset menu. */
export interface Preset {
  readonly id: string;
  readonly label: string;
  readonly values: Readonly<Record<string, readonly (readonly number[])[]>>;
}

const copy = (m: readonly (readonly number[])[]) => m.map((r) => [...r]);

/**
 * A widget's parameters: matrices by symbol, with reset to the initial
 * values, named presets, and a seeded randomize (mulberry32), so a seed in a
 * link reproduces the weights exactly.
 */
export class WeightsState {
  readonly specs: readonly WeightSpec[];
  readonly presets: readonly Preset[];
  #values = $state<Record<string, number[][]>>({});
  #seed = $state(1);
  #preset = $state('');

  constructor(specs: readonly WeightSpec[], presets: readonly Preset[] = []) {
    this.specs = specs;
    this.presets = presets;
    this.reset();
  }

  /** The current matrix for `symbol` (empty when unknown). */
  get(symbol: string): readonly (readonly number[])[] {
    return this.#values[symbol] ?? [];
  }

  /** Every matrix by symbol (a reactive read of all of them). */
  get values(): Readonly<Record<string, readonly (readonly number[])[]>> {
    return this.#values;
  }

  /** The seed the next "randomize" uses. */
  get seed(): number {
    return this.#seed;
  }

  /** The preset last applied, '' after an edit or reset. */
  get preset(): string {
    return this.#preset;
  }

  /** Sets one entry; refuses non-finite values and unknown positions. */
  set(symbol: string, i: number, j: number, value: number): boolean {
    const row = this.#values[symbol]?.[i];
    if (row === undefined || j < 0 || j >= row.length || !Number.isFinite(value)) return false;
    row[j] = value;
    this.#preset = '';
    return true;
  }

  /** Replaces whole matrices (from a URL or a preset); entries with the wrong shape are skipped. */
  assign(values: Readonly<Record<string, readonly (readonly number[])[]>>): void {
    for (const spec of this.specs) {
      const m = values[spec.symbol];
      if (m === undefined || !sameShape(m, spec.initial) || !m.flat().every(Number.isFinite)) continue;
      this.#values[spec.symbol] = copy(m);
    }
  }

  /** Back to the initial values. */
  reset(): void {
    this.#values = Object.fromEntries(this.specs.map((s) => [s.symbol, copy(s.initial)]));
    this.#preset = '';
  }

  /** Applies a preset by id; unknown ids change nothing and return false. */
  applyPreset(id: string): boolean {
    const p = this.presets.find((x) => x.id === id);
    if (!p) return false;
    this.reset();
    this.assign(p.values);
    this.#preset = id;
    return true;
  }

  /** Fills every matrix from `seed` (or the current seed), then advances the seed for the next press. */
  randomize(seed = this.#seed): void {
    this.specs.forEach((s, k) => {
      const rows = s.initial.length;
      const cols = s.initial[0]?.length ?? 0;
      // Each matrix gets its own stream, so adding a matrix does not reshuffle the others.
      this.#values[s.symbol] = randomMatrix((seed + k * 7919) >>> 0, rows, cols, s.scale ?? 1);
    });
    this.#seed = nextSeed(seed);
    this.#preset = '';
  }

  /** Restores the seed (from a URL) without randomizing. */
  setSeed(seed: number): void {
    if (Number.isInteger(seed) && seed >= 0) this.#seed = seed;
  }
}

function sameShape(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): boolean {
  return a.length === b.length && a.every((r, i) => r.length === (b[i]?.length ?? -1));
}
