import { formatNumber } from '~lib/ui/format.ts';
import { chapterExercises } from '~components/exercises/schema.ts';
import type { BenchResults, WorkloadSummary } from '~components/widgets/performance/results.ts';
import results from '../../bench/results/latest.json';

/** The results file the page's widget shows: every answer below is read from it, so they change together. */
const data = results as unknown as BenchResults;

/** One measured workload by id ("lstm-16"); throws if the results file no longer has it, so the test says so. */
export function workload(id: string): WorkloadSummary {
  const w = data.engine?.workloads.find((x) => x.workload === id);
  if (w === undefined) throw new Error(`bench/results/latest.json has no workload ${id}`);
  return w;
}

/** The steady-state median of one implementation on a workload, in ms. */
export const median = (w: WorkloadSummary, impl: string) =>
  w.impls.find((i) => i.impl === impl)?.stepMedian ?? Number.NaN;

/** Within 10 % counts as "about the same"; beyond it one side is faster. */
const compare = (ratio: number) => (ratio < 0.9 ? 0 : ratio <= 1.1 ? 1 : 2);

export const small = 'lstm-16';
const speedOptions = ['Stepwise is faster', 'about the same (within 10 %)', 'TensorFlow.js is faster'] as const;
const gpuOptions = ['WebGL2 is faster', 'about the same (within 10 %)', 'the CPU is faster'] as const;

/** What growing the LSTM by one unit cost each WebGL backend: ms of the first call, and new programs compiled. */
export const shapeChange = (() => {
  const w = workload(small);
  const stepwise = w.impls.find((i) => i.impl === 'stepwise-webgl2');
  return {
    tf: w.impls.find((i) => i.impl === 'tfjs-webgl')?.shapeChangeMs ?? Number.NaN,
    sw: stepwise?.shapeChangeMs ?? Number.NaN,
    compiled: stepwise?.shapeChangeCompiles ?? Number.NaN,
  };
})();

/** How many times slower a ratio above 1 is, in words ("41 times"). */
const times = (ratio: number) => `${formatNumber(ratio, ratio >= 10 ? 0 : 1)} times`;

export default chapterExercises('performance', [
  {
    id: 'performance-small-step',
    kind: 'predict',
    title: 'A tiny LSTM step',
    question:
      'One LSTM step at batch 1 with H = 16, the size of the chapter widgets, in the same browser on the same machine. Compare Stepwise’s CPU engine with the fastest TensorFlow.js backend for it (its cpu, wasm or webgl backend, whichever won).',
    answer: {
      type: 'choice',
      options: speedOptions,
      correct: () => compare(workload(small).ratioCpu ?? Number.NaN),
    },
    explanation: (() => {
      const w = workload(small);
      return `The measured ratio is ${formatNumber(w.ratioCpu ?? Number.NaN, 2)}: Stepwise took ${formatNumber(median(w, 'stepwise-cpu'), 3)} ms per step against ${formatNumber(median(w, w.bestTfjs ?? ''), 3)} ms for ${w.bestTfjs}. At this size the arithmetic is a few thousand multiply-adds; most of the time is fixed cost per op (dispatching it, allocating its output, handing data to WebAssembly or a GPU and reading it back). A plain JavaScript loop with one allocation per op has the least of that.`;
    })(),
  },
  {
    id: 'performance-software-gpu',
    kind: 'predict',
    title: 'A GPU that is not there',
    question:
      'The same LSTM step on Stepwise’s WebGL2 backend. This machine has no graphics card, so Chromium runs WebGL2 on SwiftShader, an emulation on the CPU. Compare the WebGL2 backend with Stepwise’s own CPU backend.',
    answer: {
      type: 'choice',
      options: gpuOptions,
      correct: () => {
        // WebGL2's time over the CPU's: below 1 WebGL2 is faster (option 0), above it the CPU is (option 2).
        const w = workload(small);
        return compare(median(w, 'stepwise-webgl2') / median(w, 'stepwise-cpu'));
      },
    },
    explanation: (() => {
      const w = workload(small);
      const slower = median(w, 'stepwise-webgl2') / median(w, 'stepwise-cpu');
      return `WebGL2 took ${formatNumber(median(w, 'stepwise-webgl2'), 2)} ms, ${times(slower)} the CPU’s ${formatNumber(median(w, 'stepwise-cpu'), 3)} ms. Every op becomes a draw call: upload the inputs as textures, run a shader over the output, read the result back to JavaScript. On an emulated GPU that is all CPU work on top of the same arithmetic, and at H = 16 there is too little arithmetic for parallelism to pay for it. On a real GPU the large workloads can turn the other way; these numbers do not predict that.`;
    })(),
  },
  {
    id: 'performance-new-shape',
    kind: 'open',
    title: 'Compiling for every shape',
    question: (() => {
      const { tf, sw, compiled } = shapeChange;
      return `When the LSTM grows by one unit, TensorFlow.js’s webgl backend needed ${formatNumber(tf, 0)} ms for its first call at the new size; Stepwise’s WebGL2 backend needed ${formatNumber(sw, 1)} ms and compiled ${compiled === 0 ? 'no new shader' : `${compiled} new shader programs`}. Why does this difference matter more for an explainer whose reader drags a slider than for a training script?`;
    })(),
    modelAnswer:
      'A shader is compiled for the program text it is given. A library that writes each shape into the shader source (loop bounds and strides as constants) compiles a new program for every new shape, and on SwiftShader a compile costs hundreds of milliseconds. A training script uses a handful of shapes and pays that once at the start. A reader dragging a length or width slider asks for a new shape on every step of the drag, so the page would stall at each one. Stepwise passes sizes as uniforms, values the same compiled program reads at run time, so a shape it has not seen costs only the work itself.',
  },
]);
