/**
 * The lab's decoding of the reader's input with the decoding chapter's
 * controls: the same runDecode (decoding-run.ts) over the trained model's
 * step model, flattened into what the worker can post (token names instead
 * of ids, the tree without its α rows).
 */
import { EOS_ID, type Seq2Seq, seq2seqStepModel, type Task } from '~engine/index.ts';
import { type DecodeSettings, runDecode } from '~lib/decoding/run.ts';
import type { LabChosen } from './protocol.ts';

/** Decodes `ids` with `settings`, at most maxLength tokens, as the worker sends it. */
export function labChosen(
  model: Seq2Seq,
  task: Task,
  ids: readonly number[],
  settings: DecodeSettings,
  maxLength: number,
): LabChosen {
  const run = runDecode(seq2seqStepModel(model, ids), settings, maxLength);
  const beam = run.beam;
  return {
    settings: { ...settings },
    method: run.method,
    tokens: task.target.decode(run.ids),
    alphas: run.alphas,
    logProb: run.logProb,
    perplexity: run.perplexity,
    beam:
      beam === undefined
        ? null
        : {
            tree: beam.tree.map(({ alpha: _, ...node }) => node),
            steps: beam.steps,
            best: beam.hypotheses[0]?.node ?? 0,
            words: [...task.target.tokens],
          },
    samples:
      run.samples?.map((s) => ({
        seed: s.seed,
        tokens: task.target.decode(s.steps.map((x) => x.token).filter((t) => t !== EOS_ID)),
        logProb: s.logProb,
      })) ?? null,
  };
}
