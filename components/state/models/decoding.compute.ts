import { EOS_ID, type ForcedDecode, forcedDecode, seq2seqStepModel, taskByName } from '~engine/index.ts';
import { type DecodeRun, type DecodeSettings, greedyRun, runDecode } from '~lib/decoding/run.ts';
import type { LoadedSnapshot } from '~components/widgets/lab/pretrained-compute.ts';
import { checkInput } from '~components/widgets/lab/tokens.ts';

/** What one decoding of the reader's input shows: source words, the run, and teacher/free decodes. */
export interface DecodingView {
  readonly source: string[];
  /** The grammar's answer (empty when the input is outside the grammar). */
  readonly expected: string[];
  readonly run: DecodeRun;
  readonly output: string[];
  /** The expected output scored with teacher forcing (undefined without an expected output). */
  readonly teacher: ForcedDecode | undefined;
  /** The reader's forced prefix, then free running. */
  readonly free: ForcedDecode;
  readonly prefix: readonly number[];
  readonly maxLength: number;
}

/** What the decoding widgets ask of a model: an input, the decoding settings and a forced prefix. */
export interface DecodeRequest {
  readonly input: string;
  readonly settings: DecodeSettings;
  readonly prefix: readonly number[];
}

/** A decode's outcome: the view, or why the input was refused (in the reader's words). */
export type DecodeOutcome = { readonly view: DecodingView } | { readonly inputError: string };

/**
 * Decodes `request.input` with `snapshot`'s model: the reader's settings, the grammar's answer scored with teacher
 * forcing, and the reader's forced prefix then free running. Pure: the page's worker (decoding-worker.ts), the
 * build's seeds and the unit tests run the same function.
 */
export function decodeView(snapshot: LoadedSnapshot, request: DecodeRequest): DecodeOutcome {
  const r = checkInput(snapshot.task, request.input, 24);
  if (!r.ok) return { inputError: r.message };
  const task = taskByName(snapshot.task);
  let expected: string[] = [];
  try {
    expected = task.solve(r.tokens);
  } catch {
    expected = [];
  }
  const maxLength = expected.length > 0 ? expected.length + 4 : 2 * r.tokens.length + 4;
  const model = seq2seqStepModel(snapshot.model, task.source.encode(r.tokens));
  const free = forcedDecode(model, request.prefix, maxLength);
  // Greedy decoding with nothing forced is the free run itself (the decoder-step widget's case): decode once.
  const run =
    request.settings.method === 'greedy' && request.prefix.length === 0
      ? greedyRun(free)
      : runDecode(model, request.settings, maxLength);
  const teacher = expected.length > 0 ? forcedDecode(model, [...task.target.encode(expected), EOS_ID], 0) : undefined;
  return {
    view: {
      source: r.tokens,
      expected,
      run,
      output: task.target.decode(run.ids),
      teacher,
      free,
      prefix: request.prefix,
      maxLength,
    },
  };
}

/** Where a DecodingState's decodes run: a worker in the browser (decoding-worker-port.ts). */
export interface DecodeCompute {
  /** Gives the worker a snapshot's text (read there once per name). */
  load(name: string, text: string): Promise<void>;
  decode(name: string, request: DecodeRequest): Promise<DecodeOutcome>;
}
