import { describe, expect, it } from 'vitest';
import { hasGradient } from '~engine/autodiff/index.ts';
import '~engine/index.ts';
import type { OpName } from '~engine/ops/contract.ts';
import { hasKernel, runOp } from '~engine/registry.ts';
import { tensor } from '~engine/tensor.ts';
// Training's kernels register apart from the barrel (train/fast-kernels.ts); the table lists them too.
import '~engine/train/fast-kernels.ts';

/*
 * ops/README.md's "Where each op lives" is how a reader finds an op's
 * kernels and gradient by name; these tests keep it true: every op in
 * contract.ts has a row, and every file a row names registers that op.
 */
// Raw sources, so the test runs in Node and in Chromium alike.
const sources = import.meta.glob(['../../src/engine/**/*.ts', '../../src/engine/ops/README.md'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The text of `path` (relative to src/engine/); throws when the file does not exist. */
function read(path: string): string {
  const text = sources[`../../src/engine/${path}`];
  if (text === undefined) throw new Error(`src/engine/${path} does not exist`);
  return text;
}

/** The op names of the OpAttrs interface, read from its source. */
function contractOps(): string[] {
  const body = /export interface OpAttrs \{([\s\S]*?)\n\}/.exec(read('ops/contract.ts'))?.[1] ?? '';
  return [...body.matchAll(/^ {2}(\w+): /gm)].map((m) => m[1] as string);
}

interface Row {
  readonly op: string;
  readonly cpu: string;
  readonly webgl2: string | undefined;
  readonly gradient: string | undefined;
}

/** The table's rows: a path in backticks, or undefined for "—". */
function indexRows(): Row[] {
  const text = read('ops/README.md');
  const table = text.slice(text.indexOf('## Where each op lives'));
  const path = (cell: string) => /`([^`]+)`/.exec(cell)?.[1];
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [op, cpu, webgl2, gradient] = line.split('|').slice(1, 5) as [string, string, string, string];
      return { op: path(op) ?? '', cpu: path(cpu) ?? '', webgl2: path(webgl2), gradient: path(gradient) };
    });
}

describe('ops/README.md index of where each op lives', () => {
  const rows = indexRows();

  it('lists every op of contract.ts once, and nothing else', () => {
    const ops = contractOps();
    expect(ops.length).toBeGreaterThan(25);
    expect(rows.map((r) => r.op).sort()).toEqual([...ops].sort());
  });

  it('names files that hold the op under its contract name', () => {
    for (const row of rows) {
      for (const file of [row.cpu, row.webgl2, row.gradient]) {
        // The op's name as a string, or as a key of a table typed by the contract (unary.ts, binary.ts, reduce.ts).
        const named = new RegExp(`'${row.op}'|(^|[{,]) *${row.op}: `, 'm');
        if (file !== undefined) expect(read(file), `${file} for ${row.op}`).toMatch(named);
      }
    }
  });

  it('has a CPU kernel for every row, and a gradient exactly where it names one', () => {
    for (const row of rows) {
      const op = row.op as OpName;
      expect(hasKernel(op, 'cpu'), `${op} on the CPU`).toBe(true);
      expect(hasGradient(op), `gradient of ${op}`).toBe(row.gradient !== undefined);
    }
  });
});

describe('the op contract at compile time', () => {
  it('runOp accepts a contract op with its attrs', () => {
    expect(runOp('softmax', [tensor([0, 0])], { axis: 0 }, 2).toArray()).toEqual([0.5, 0.5]);
  });

  it('rejects misspelt ops and attrs (checked by typecheck, never run)', () => {
    const typeErrors = () => {
      const x = tensor([1]);
      // @ts-expect-error: no op is called 'sofmax'
      runOp('sofmax', [x], { axis: 0 }, 1);
      // @ts-expect-error: softmax's attr is 'axis'
      runOp('softmax', [x], { axes: 0 }, 1);
      // @ts-expect-error: matmul needs both transpose flags
      runOp('matmul', [x, x], { transposeA: true }, 1);
      // @ts-expect-error: add takes no attrs
      runOp('add', [x, x], { axis: 0 }, 1);
    };
    expect(typeof typeErrors).toBe('function');
  });
});
