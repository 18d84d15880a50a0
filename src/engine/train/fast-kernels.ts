/**
 * Training's CPU kernels, registered by importing this module once where
 * training runs: the lab's worker, scripts/train-speed.ts and the bench's
 * training race. The engine's barrel (~engine/index.ts) does not import it,
 * nor does any module the barrel reaches: every page with a widget loads the
 * chunk the barrel builds, and these kernels only pay off at a training
 * step's sizes (issue 14: they had made every widget page ~0.7 kB gzip heavier).
 *
 * - matmul on the CPU: two rows by four columns (train/matmul-rows.ts) in
 *   place of the widgets' one row by four; the same bits.
 * - gruCombine, its backward kernel and gradient rule (train/gru-combine.ts),
 *   which also sets models/gru.ts' fusedGru: an untraced PyTorch-variant GRU
 *   step on the CPU takes it instead of the composed ops.
 * - additiveScores, Bahdanau's e = v · tanh(keys + q) and its gradient
 *   (train/additive-scores.ts), which sets models/seq2seq-attention.ts'
 *   fusedScores: the seq2seq decoder's scores on the CPU take it.
 * - within a training step, these kernels' output buffers come from the
 *   previous step's (train/step-arena.ts) instead of new allocations.
 *
 * Without this module training runs the same steps, only slower: the matmul
 * gives the same bits, the GRU update agrees to float32 rounding.
 */
import { registerKernel } from '../registry.ts';
import type { Tensor } from '../tensor.ts';
import './additive-scores.ts';
import './gru-combine.ts';
import './step-arena.ts';
import { matmulCpuTwoRows } from './matmul-rows.ts';

registerKernel({
  op: 'matmul',
  backend: 'cpu',
  run: ([a, b], attrs) => matmulCpuTwoRows(a as Tensor, b as Tensor, attrs),
});
