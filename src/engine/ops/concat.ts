import { outputBuffer } from '../output-buffer.ts';
import { registerKernel, runOp } from '../registry.ts';
import { normalizeAxis, sizeOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';

/** The output shape of concatenating `shapes` along `axis` (already normalized); throws on mismatch. */
function concatShape(shapes: readonly (readonly number[])[], axis: number): number[] {
  const first = shapes[0];
  if (first === undefined) throw new RangeError('concat needs at least one tensor');
  const out = [...first];
  out[axis] = 0;
  for (const s of shapes) {
    if (s.length !== first.length || s.some((d, i) => i !== axis && d !== first[i])) {
      throw new RangeError(`concat along axis ${axis}: shapes [${first}] and [${s}] differ off that axis`);
    }
    out[axis] = (out[axis] as number) + (s[axis] as number);
  }
  return out;
}

/**
 * concat(tensors, axis): the tensors placed one after another along `axis`
 * (the [h→; h←] of a bidirectional encoder). Each input is copied as
 * contiguous blocks, one block per outer index.
 */
export function concatCpu(tensors: readonly Tensor[], axis: number): Tensor {
  const a = normalizeAxis(axis, tensors[0]?.rank ?? 0);
  const shape = concatShape(
    tensors.map((t) => t.shape),
    a,
  );
  const out = outputBuffer(sizeOf(shape));
  const outer = sizeOf(shape.slice(0, a));
  const inner = sizeOf(shape.slice(a + 1));
  const outBlock = (shape[a] as number) * inner;
  let offset = 0;
  for (const t of tensors) {
    const src = t.values();
    const block = (t.shape[a] as number) * inner;
    // Plain loops rather than out.set(src.subarray(…)) per block, as in slice.ts: blocks are short.
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < block; k++) out[o * outBlock + offset + k] = src[o * block + k] as number;
    }
    offset += block;
  }
  return new Tensor(shape, out);
}

registerKernel({ op: 'concat', backend: 'cpu', run: (inputs, attrs) => concatCpu(inputs, attrs.axis) });

/** Joins tensors along `axis` (default: the last); all other dimensions must match. */
export function concat(tensors: readonly Tensor[], axis = -1): Tensor {
  const a = normalizeAxis(axis, tensors[0]?.rank ?? 0);
  const size = sizeOf(
    concatShape(
      tensors.map((t) => t.shape),
      a,
    ),
  );
  return runOp('concat', tensors, { axis: a }, size);
}
