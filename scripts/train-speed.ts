/**
 * Milliseconds per training step of the lab's 8-digit reversal
 * (LAB_TRAINER) on the CPU in Node, and the loss after 125 steps.
 * Run: node_modules/node/bin/node scripts/train-speed.ts [steps]
 * Not a test: numbers vary by machine and load.
 */

import { LAB_TRAINER } from '../bench/pages/stepwise-impl.ts';
import { dispatch, Trainer, type TrainerConfig } from '../src/engine/index.ts';
// The lab's worker trains with these kernels registered.
import '../src/engine/train/fast-kernels.ts';

dispatch.force = 'cpu';
const steps = Number(process.argv[2] ?? 125);
const trainer = new Trainer(LAB_TRAINER as TrainerConfig);
const times: number[] = [];
const losses: number[] = [];
for (let i = 0; i < steps; i++) {
  const t0 = performance.now();
  losses.push(trainer.stepOnce().loss);
  times.push(performance.now() - t0);
}
const total = times.reduce((a, b) => a + b, 0);
const sorted = [...times].sort((a, b) => a - b);
console.log(JSON.stringify({ steps, totalMs: Math.round(total), medianMs: sorted[Math.floor(steps / 2)], losses }));
