import { broadcastPlan, broadcastSize } from '../index-plans/broadcast.ts';
import { outputBuffer } from '../output-buffer.ts';
import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';
import { asTensor, type Operand } from './operand.ts';

/**
 * sub(a, b) = a - b elementwise with NumPy broadcasting. Infinity − Infinity is NaN, as IEEE 754 says.
 */
export function subCpu(a: Tensor, b: Tensor): Tensor {
  const p = broadcastPlan(a.shape, b.shape);
  const x = a.values();
  const y = b.values();
  const out = outputBuffer(p.size);
  if (p.same) {
    for (let i = 0; i < out.length; i++) out[i] = (x[i] as number) - (y[i] as number);
  } else {
    const ia = p.aIndex;
    const ib = p.bIndex;
    for (let i = 0; i < out.length; i++) out[i] = (x[ia[i] as number] as number) - (y[ib[i] as number] as number);
  }
  return new Tensor(p.shape, out);
}

registerKernel({ op: 'sub', backend: 'cpu', run: ([a, b]) => subCpu(a as Tensor, b as Tensor) });

/** a - b elementwise, broadcasting; either side may be a plain number. */
export function sub(a: Operand, b: Operand): Tensor {
  const ta = asTensor(a);
  const tb = asTensor(b);
  return runOp('sub', [ta, tb], {}, broadcastSize(ta.shape, tb.shape));
}
