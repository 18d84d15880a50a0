/**
 * Trains the lab's pre-trained seq2seq snapshots on the CPU with fixed
 * seeds and writes them to public/snapshots/ with a README recording how
 * each was made. Run: `npx node scripts/train-snapshots.ts [--only name,…]`.
 *
 * Times are CPU seconds of training steps alone (evaluations excluded),
 * measured with process.cpuUsage on this machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import '../src/engine/ops/index.ts';
// Trains as the lab's worker does, with training's CPU kernels registered.
import '../src/engine/train/fast-kernels.ts';
import { exportSeq2Seq } from '../src/engine/models/seq2seq-io.ts';
import { countParams } from '../src/engine/models/seq2seq-params.ts';
import { dispatch } from '../src/engine/registry.ts';
import { type Evaluation, evaluate } from '../src/engine/train/evaluate.ts';
import { Trainer, type TrainerConfig } from '../src/engine/train/trainer.ts';

interface Run {
  readonly name: string;
  readonly about: string;
  readonly config: TrainerConfig;
  readonly steps: number;
  /** Sizes evaluated at the end (200 fresh examples each, seed 12345). */
  readonly evalSizes: readonly number[];
  /** Check every this many steps whether overall sequence accuracy reached 95% (on `evalSizes`, 100 each, seed 999). */
  readonly probeEvery?: number;
}

const model = { embed: 16, hidden: 16, encoder: 'gru', gruVariant: 'pytorch' } as const;
const adam = { kind: 'adam', lr: 0.01 } as const;
const range = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
const reverse = (attention: 'bahdanau' | 'none', sizes: TrainerConfig['sizes']): TrainerConfig => ({
  task: 'reverse',
  sizes,
  batchSize: 32,
  model: { ...model, attention },
  optimizer: adam,
  clip: 5,
  seed: 1,
});

const RUNS: Run[] = [
  {
    name: 'reverse8-attention',
    about: 'reverse 8 digits, Bahdanau attention',
    config: reverse('bahdanau', 8),
    steps: 400,
    evalSizes: [8],
    probeEvery: 25,
  },
  {
    name: 'reverse8-none',
    about: 'reverse 8 digits, no attention (same sizes and steps)',
    config: reverse('none', 8),
    steps: 400,
    evalSizes: [8],
    probeEvery: 25,
  },
  {
    name: 'reverse8-transformer',
    about: 'reverse 8 digits, Transformer (2+2 layers, d = 32, 4 heads, pre-LN, sinusoidal positions)',
    config: {
      task: 'reverse',
      sizes: 8,
      batchSize: 32,
      model: {
        embed: 32,
        hidden: 16,
        encoder: 'gru',
        attention: 'transformer',
        heads: 4,
        layers: 2,
        ffn: 64,
        normFirst: true,
        activation: 'relu',
      },
      optimizer: { kind: 'adam', lr: 0.003 },
      clip: 5,
      seed: 1,
    },
    steps: 125,
    evalSizes: [8],
    probeEvery: 25,
  },
  {
    name: 'reverse-curve-attention',
    about: 'reverse 2–16 digits, Bahdanau attention',
    config: reverse('bahdanau', [2, 16]),
    steps: 1000,
    evalSizes: range(2, 16),
  },
  {
    name: 'reverse-curve-none',
    about: 'reverse 2–16 digits, no attention (same sizes and steps)',
    config: reverse('none', [2, 16]),
    steps: 1000,
    evalSizes: range(2, 16),
  },
  {
    name: 'translate-attention',
    about: 'English → French grammar, 1–4 noun phrases, Bahdanau attention',
    config: {
      task: 'translate',
      sizes: [1, 4],
      batchSize: 32,
      model: { ...model, attention: 'bahdanau' },
      optimizer: adam,
      clip: 5,
      seed: 1,
    },
    steps: 1500,
    evalSizes: range(1, 4),
  },
];

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

interface Result {
  readonly run: Run;
  readonly params: number;
  readonly cpu: number;
  readonly wall: number;
  readonly reached95: { step: number; cpu: number } | undefined;
  readonly finalLoss: number;
  readonly evaluation: Evaluation;
  readonly bytes: number;
}

function train(run: Run): Result {
  const trainer = new Trainer(run.config);
  let cpu = 0;
  let wall = 0;
  let reached95: Result['reached95'];
  for (let step = 1; step <= run.steps; step++) {
    const c0 = cpuSeconds();
    const w0 = performance.now();
    trainer.stepOnce();
    cpu += cpuSeconds() - c0;
    wall += (performance.now() - w0) / 1000;
    if (run.probeEvery !== undefined && reached95 === undefined && step % run.probeEvery === 0) {
      const probe = evaluate(trainer.model, trainer.task, { sizes: run.evalSizes, count: 100, seed: 999 });
      if (probe.overall.sequence >= 0.95) reached95 = { step, cpu };
    }
  }
  const evaluation = evaluate(trainer.model, trainer.task, { sizes: run.evalSizes, count: 200, seed: 12345 });
  const finalLoss = trainer.history.slice(-20).reduce((s, r) => s + r.loss, 0) / 20;
  const meta = {
    name: run.name,
    about: run.about,
    trainer: run.config,
    steps: run.steps,
    sequenceAccuracy: evaluation.overall.sequence,
  };
  const text = exportSeq2Seq(trainer.model, meta);
  writeFileSync(`public/snapshots/${run.name}.json`, text);
  return {
    run,
    params: countParams(trainer.model.config),
    cpu,
    wall,
    reached95,
    finalLoss,
    evaluation,
    bytes: text.length,
  };
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

function section(r: Result): string {
  const { run, evaluation: e } = r;
  const lines = [
    `### ${run.name}.json — ${run.about}`,
    '',
    `- trainer config: \`${JSON.stringify(run.config)}\``,
    `- ${r.params} parameters, ${(r.bytes / 1024).toFixed(0)} KB; ${run.steps} steps of batch ${run.config.batchSize}`,
    `- training time: ${r.cpu.toFixed(1)} s CPU, ${r.wall.toFixed(1)} s wall (evaluation excluded); mean loss of the last 20 steps ${r.finalLoss.toFixed(4)}`,
  ];
  if (run.probeEvery !== undefined) {
    lines.push(
      r.reached95 === undefined
        ? `- never reached 95% exact-sequence accuracy within ${run.steps} steps (probed every ${run.probeEvery})`
        : `- first reached ≥ 95% exact-sequence accuracy at step ${r.reached95.step}, after ${r.reached95.cpu.toFixed(1)} s CPU (probed every ${run.probeEvery} steps on 100 examples, seed 999)`,
    );
  }
  lines.push(
    `- final greedy accuracy (200 fresh examples per size, seed 12345): token ${pct(e.overall.token)}, exact sequence ${pct(e.overall.sequence)}`,
    '',
  );
  return lines.join('\n');
}

function curveTable(a: Result, n: Result): string {
  const rows = a.evaluation.bySize.map((s, k) => {
    const other = n.evaluation.bySize[k];
    return `| ${s.size} | ${pct(s.accuracy.sequence)} | ${pct(other?.accuracy.sequence ?? Number.NaN)} | ${pct(s.accuracy.token)} | ${pct(other?.accuracy.token ?? Number.NaN)} |`;
  });
  return [
    '| input length | sequence, attention | sequence, none | token, attention | token, none |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

const README = `# Pre-trained seq2seq snapshots

Written by \`npx node scripts/train-snapshots.ts\` (CPU backend, fixed
seeds; rerunning gives the same weights). Each file is a
\`stepwise-seq2seq@1\` weights file: \`config\`, \`meta\` (how it was
trained) and a PyTorch-named \`state_dict\` of float32 values; load it with
\`importSeq2Seq(text)\`. Every recurrent model: embeddings 16, a
bidirectional GRU encoder of 16 per direction (annotations 32), a GRU
decoder of 32, Adam (lr 0.01), gradient clipping at global norm 5, batch
32, init seed 1, batch-stream seed 2. The Transformer
(reverse8-transformer) has no RNN: 2 encoder and 2 decoder layers in the
layout of PyTorch's nn.TransformerEncoderLayer/DecoderLayer, d_model 32
(the GRU's annotation width), 4 heads, feed-forward 64, pre-LN, ReLU,
sinusoidal positions; Adam at lr 0.003, the same clipping, batch and seeds,
so it sees the same batches as reverse8-attention.

Machine: {{machine}}.

## Runs

{{runs}}
## Accuracy by input length, with and without attention

Both models have the same sizes except the {{alignment}} alignment weights, the
same seed and the same 1 000 steps on reversals of 2–16 digits; the
no-attention decoder gets the encoder's final states [h→_n; h←_1] as its
context at every step (Cho et al. 2014). Greedy decoding, 200 fresh
examples per length.

{{curve}}
`;

dispatch.force = 'cpu';
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
mkdirSync('public/snapshots', { recursive: true });
const results: Result[] = [];
for (const run of RUNS) {
  if (only !== undefined && !only.includes(run.name)) continue;
  const r = train(run);
  console.log(
    `${run.name}: ${pct(r.evaluation.overall.sequence)} exact, ${r.cpu.toFixed(1)} s CPU, ${(r.bytes / 1024).toFixed(0)} KB`,
  );
  results.push(r);
  // A partial run leaves README.md alone; its section goes to stdout to be pasted in by hand.
  if (only !== undefined) console.log(section(r));
}
if (only === undefined) {
  const get = (name: string) => results.find((r) => r.run.name === name) as Result;
  const readme = README.replace(
    '{{machine}}',
    `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`,
  )
    .replace('{{runs}}', results.map(section).join('\n'))
    .replace('{{curve}}', curveTable(get('reverse-curve-attention'), get('reverse-curve-none')))
    .replace('{{alignment}}', String(get('reverse-curve-attention').params - get('reverse-curve-none').params));
  writeFileSync('public/snapshots/README.md', readme);
}
