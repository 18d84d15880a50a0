import {
  absDependencies,
  addDependencies,
  ceilDependencies,
  concatDependencies,
  concatTransformDependencies,
  cosDependencies,
  create,
  ctransposeDependencies,
  divideDependencies,
  dotDependencies,
  dotDivideDependencies,
  dotMultiplyDependencies,
  dotPowDependencies,
  eDependencies,
  evaluateDependencies,
  expDependencies,
  type FactoryFunctionMap,
  floorDependencies,
  indexTransformDependencies,
  largerDependencies,
  logDependencies,
  maxDependencies,
  maxTransformDependencies,
  meanDependencies,
  meanTransformDependencies,
  minDependencies,
  minTransformDependencies,
  modDependencies,
  multiplyDependencies,
  normDependencies,
  piDependencies,
  powDependencies,
  rangeTransformDependencies,
  roundDependencies,
  signDependencies,
  sinDependencies,
  sizeDependencies,
  smallerDependencies,
  sqrtDependencies,
  subsetTransformDependencies,
  subtractDependencies,
  sumDependencies,
  sumTransformDependencies,
  tanhDependencies,
  transposeDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
} from 'mathjs';
import { m } from '../i18n/messages.ts';
import { formatNumber } from '../ui/format.ts';
import { checkExpression } from './check.ts';

/**
 * The scratchpad's mathjs instance. Following mathjs's security guidance
 * (docs/expressions/security.md): only the functions below are created, the
 * functions that parse, import or redefine are replaced by ones that throw,
 * and every expression is checked against a whitelist before it runs
 * (scratch-check.ts), with a length limit and a fresh Map scope per run.
 * The *Transform factories give expressions mathjs's one-based indices.
 */
const factories = {
  absDependencies,
  addDependencies,
  ceilDependencies,
  concatDependencies,
  cosDependencies,
  sumTransformDependencies,
  meanTransformDependencies,
  minTransformDependencies,
  maxTransformDependencies,
  concatTransformDependencies,
  subsetTransformDependencies,
  indexTransformDependencies,
  modDependencies,
  ctransposeDependencies,
  divideDependencies,
  dotDependencies,
  dotDivideDependencies,
  dotMultiplyDependencies,
  dotPowDependencies,
  eDependencies,
  evaluateDependencies,
  expDependencies,
  floorDependencies,
  largerDependencies,
  logDependencies,
  maxDependencies,
  meanDependencies,
  minDependencies,
  multiplyDependencies,
  normDependencies,
  piDependencies,
  powDependencies,
  rangeTransformDependencies,
  roundDependencies,
  signDependencies,
  sinDependencies,
  sizeDependencies,
  smallerDependencies,
  sqrtDependencies,
  subtractDependencies,
  sumDependencies,
  tanhDependencies,
  transposeDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
};
// mathjs types every *Dependencies export as possibly undefined; they are all defined at runtime.
const math = create(factories as unknown as FactoryFunctionMap);

type MathValue = number | import('mathjs').Matrix;
const elementwise = (f: (x: number) => number) => (x: MathValue) =>
  typeof x === 'number' ? f(x) : x.map((v: number) => f(v));

/** The activations the chapters use, elementwise on scalars and matrices. */
const activations = {
  sigmoid: elementwise((x) => 1 / (1 + Math.exp(-x))),
  // mathjs's own tanh refuses matrices; the cells apply it to whole state vectors.
  tanh: elementwise(Math.tanh),
  relu: elementwise((x) => Math.max(0, x)),
  softmax: (x: MathValue) => {
    const m = math.max(x as never) as number;
    const e = elementwise((v) => Math.exp(v - m))(x);
    return math.divide(e, math.sum(e as never)) as MathValue;
  },
};
math.import(activations, { override: true });

// Keep the parser and import for ourselves before the namespace loses them.
const parse = math.parse;
const mathImport = math.import;
const disabled = (name: string) => () => {
  throw new Error(`${name} is disabled in the scratchpad`);
};
const blocked = [
  'import',
  'createUnit',
  'evaluate',
  'parse',
  'simplify',
  'derivative',
  'compile',
  'resolve',
  'reviver',
];
math.import(Object.fromEntries(blocked.map((n) => [n, disabled(n)])), { override: true });

/** Largest matrix (number of entries) an expression may build or pass to a function. */
export const maxElements = 10_000;

const entries = (x: unknown): number => (math.isMatrix(x) ? x.size().reduce((a, b) => a * b, 1) : 1);
const tooBig = (n: number) =>
  new Error(`That would make a matrix of ${n} entries; the scratchpad stops at ${maxElements}.`);

/**
 * Wraps an expression function so no call can build a huge matrix (a tab
 * frozen or out of memory): every matrix argument and the result stay within
 * maxElements, concat's inputs may not add up to more, and two matrix
 * arguments may not multiply to more than maxElements² before the call runs
 * (an outer product of two long vectors).
 */
function bounded(name: string, f: (...args: unknown[]) => unknown) {
  return (...args: unknown[]) => {
    if (name === 'range') {
      // a:b inside an index builds its range eagerly: count it before it exists.
      const [from, to, step = 1] = args.map((a) => (typeof a === 'number' ? a : Number.NaN));
      const n = Math.abs(((to ?? 0) - (from ?? 0)) / (step as number)) + 1;
      if (!(n <= maxElements)) throw tooBig(n);
    }
    const sizes = args.filter((a) => math.isMatrix(a)).map(entries);
    for (const n of sizes) if (n > maxElements) throw tooBig(n);
    if (name === 'concat') {
      const total = sizes.reduce((a, b) => a + b, 0);
      if (total > maxElements) throw tooBig(total);
    } else if (sizes.reduce((a, b) => a * b, 1) > maxElements * maxElements) {
      throw tooBig(sizes.reduce((a, b) => a * b, 1));
    }
    const out = f(...args);
    if (entries(out) > maxElements) throw tooBig(entries(out));
    return out;
  };
}

/** Function names an expression may call (besides functions it defines itself). */
export const allowedFunctions: ReadonlySet<string> = new Set([
  ...[
    'abs',
    'add',
    'ceil',
    'concat',
    'cos',
    'ctranspose',
    'mod',
    'divide',
    'dot',
    'dotDivide',
    'dotMultiply',
    'dotPow',
    'exp',
  ],
  ...['floor', 'larger', 'log', 'max', 'mean', 'min', 'multiply', 'norm', 'pow', 'round', 'sign', 'sin'],
  ...['size', 'smaller', 'sqrt', 'subtract', 'sum', 'tanh', 'transpose', 'unaryMinus', 'unaryPlus'],
  ...Object.keys(activations),
]);

// Expressions call functions (and operators) through mathWithTransform, with one-based transforms.
// mathjs's typings do not declare mathWithTransform, though the runtime has it on every instance.
const exposed = (math.expression as unknown as { mathWithTransform: Record<string, (...args: unknown[]) => unknown> })
  .mathWithTransform;
mathImport(
  Object.fromEntries(
    [...allowedFunctions, 'range'].flatMap((n) => {
      const f = exposed[n];
      return typeof f === 'function' ? [[n, bounded(n, f)]] : [];
    }),
  ),
  { override: true },
);

// Assigning into an index (a[1e9] = 1) grows a matrix without calling a function: bound it too.
const denseMatrix = Object.getPrototypeOf(math.matrix([0])) as {
  subset: (this: import('mathjs').Matrix, ...args: unknown[]) => unknown;
};
const subset = denseMatrix.subset;
denseMatrix.subset = function (this: import('mathjs').Matrix, ...args: unknown[]) {
  const index = args[0] as { max?: () => number[] } | undefined;
  if (args.length >= 2 && typeof index?.max === 'function') {
    const size = this.size();
    const maxes = index.max();
    let n = 1;
    for (let d = 0; d < Math.max(size.length, maxes.length); d++) n *= Math.max(size[d] ?? 1, (maxes[d] ?? 0) + 1);
    if (!(n <= maxElements)) throw tooBig(n);
  }
  return subset.apply(this, args);
};

/** Constants an expression may read. */
export const allowedConstants: ReadonlySet<string> = new Set(['pi', 'e']);

/** Longest expression the scratchpad accepts. */
export const maxLength = 500;

/** A value in a scratchpad scope: a scalar, a vector or a matrix. */
export type ScopeValue = number | readonly number[] | readonly (readonly number[])[];

/** What one evaluation gave: the value as plain numbers and as text, or why it was refused. */
export type ScratchResult =
  | { ok: true; text: string; value: number | number[] | number[][] | undefined }
  | { ok: false; message: string };

function plainCopy(v: readonly number[] | readonly (readonly number[])[]): number[] | number[][] {
  return v.map((r) => (typeof r === 'number' ? r : [...r])) as number[] | number[][];
}

function plain(x: unknown): number | number[] | number[][] | undefined {
  if (typeof x === 'number') return x;
  if (math.isMatrix(x)) return x.toArray() as number[] | number[][];
  return undefined;
}

/** Evaluates `expression` over `scope` in the restricted instance; never throws. */
export function evaluateScratch(expression: string, scope: Readonly<Record<string, ScopeValue>>): ScratchResult {
  if (expression.length > maxLength) {
    return {
      ok: false,
      message: m.part_scratchpad_too_long({
        length: formatNumber(expression.length, 0),
        max: formatNumber(maxLength, 0),
      }),
    };
  }
  if (expression.trim() === '') return { ok: false, message: m.part_scratchpad_type_expression() };
  try {
    const node = parse(expression);
    const refusal = checkExpression(node, new Set(Object.keys(scope)), allowedFunctions, allowedConstants);
    if (refusal) return { ok: false, message: refusal };
    const vars = new Map<string, unknown>();
    // A plain copy: scope values may be Svelte state proxies, and assignments must not write back into them.
    for (const [k, v] of Object.entries(scope)) vars.set(k, typeof v === 'number' ? v : math.matrix(plainCopy(v)));
    let out: unknown = node.compile().evaluate(vars);
    // Several statements (a = 2; a * W) give a ResultSet: show the last one.
    if (out !== null && typeof out === 'object' && 'entries' in out && Array.isArray(out.entries))
      out = out.entries.at(-1);
    if (typeof out === 'function') return { ok: true, text: m.part_scratchpad_function_defined(), value: undefined };
    const text = math.format(out, { precision: 4 });
    return { ok: true, text: text.length > 2000 ? `${text.slice(0, 2000)}…` : text, value: plain(out) };
  } catch (e) {
    // A stack overflow from deep nesting lands here too: the page stays alive.
    const message = e instanceof Error ? e.message : String(e);
    if (/call stack/i.test(message)) return { ok: false, message: m.part_scratchpad_too_deep() };
    return { ok: false, message };
  }
}
