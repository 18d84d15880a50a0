import {
  type Feed,
  linear,
  nToM,
  nToN,
  nToOne,
  oneToN,
  type RecurrentParams,
  rnnCell,
  type Tensor,
  Trace,
  tensor,
} from '~engine/index.ts';
import type { DiagramColumn, DiagramNode } from '~lib/diagram/unrolled-layout.ts';
import { sub } from '~lib/ui/format.ts';

/** The four arrangements of the shapes chapter. */
export type RnnShape = 'n-to-n' | 'n-to-1' | '1-to-n' | 'n-to-m';

/** Everything the shapes widget lets a reader change. */
export interface ShapesSettings {
  shape: RnnShape;
  /** How 1→N feeds its input or N→M its context; `output` applies to 1→N (N→M reads it as `first`). */
  feed: Feed;
  /** The input sequence x_1..x_N (1→N uses x_1 only). */
  inputs: number[][];
  /** How many steps the 1→N and N→M outputs run for. */
  outputSteps: number;
}

/** Weights shared by every shape: a 2-unit tanh encoder, a decoder of the same size and a readout. */
export interface ShapesWeights {
  encoder: RecurrentParams;
  decoder: RecurrentParams;
  readout: { W: Tensor; b: Tensor };
}

/** Small, distinct weights so the values on the diagram stay readable and differ per step. */
export function defaultShapesWeights(): ShapesWeights {
  return {
    encoder: {
      W_ih: tensor([
        [0.8, -0.4],
        [0.3, 0.9],
      ]),
      W_hh: tensor([
        [0.5, -0.3],
        [0.2, 0.6],
      ]),
      b_ih: tensor([0, 0.1]),
      b_hh: tensor([0, 0]),
    },
    decoder: {
      W_ih: tensor([
        [0.7, 0.2],
        [-0.5, 0.8],
      ]),
      W_hh: tensor([
        [0.6, 0.1],
        [-0.2, 0.5],
      ]),
      b_ih: tensor([0.1, 0]),
      b_hh: tensor([0, 0]),
    },
    readout: {
      W: tensor([
        [1, -1],
        [0.5, 1],
      ]),
      b: tensor([0, 0]),
    },
  };
}

/** Default settings: four two-dimensional inputs, N→N. */
export const defaultShapesSettings: ShapesSettings = {
  shape: 'n-to-n',
  feed: 'first',
  inputs: [
    [1, 0],
    [0, 1],
    [1, 1],
    [-1, 0.5],
  ],
  outputSteps: 3,
};

const node = (label: string, symbol: string, t: Tensor, muted = false): DiagramNode => ({
  label,
  symbol,
  values: t.toArray(),
  muted,
});

/**
 * Runs the chosen shape through the engine and lays the results out as
 * unrolled columns. Every value on the diagram comes from the engine's trace
 * or return values; nothing is computed here.
 */
export function computeShape(
  settings: ShapesSettings,
  weights: ShapesWeights,
): { columns: DiagramColumn[]; context?: DiagramNode; trace: Trace } {
  const trace = new Trace();
  const encoder = rnnCell(weights.encoder);
  const readout = (h: Tensor) => linear(weights.readout, h);
  const xs = settings.inputs.map((x) => tensor(x));
  const xNode = (t: Tensor, k: number, muted = false) => node(`x${sub(k)}`, `x_${k}`, t, muted);

  switch (settings.shape) {
    case 'n-to-n': {
      const ys = nToN(encoder, xs, readout, trace);
      const columns = xs.map((x, k) => ({
        section: 'encoder' as const,
        input: xNode(x, k + 1),
        state: node(`h${sub(k + 1)}`, `h_${k + 1}`, trace.get('h', { step: k + 1 })),
        output: node(`y${sub(k + 1)}`, `y_${k + 1}`, ys[k] as Tensor),
      }));
      return { columns, trace };
    }
    case 'n-to-1': {
      const y = nToOne(encoder, xs, readout, trace);
      const columns = xs.map((x, k) => ({
        section: 'encoder' as const,
        input: xNode(x, k + 1),
        state: node(`h${sub(k + 1)}`, `h_${k + 1}`, trace.get('h', { step: k + 1 })),
        output: k === xs.length - 1 ? node('y', 'y', y) : undefined,
      }));
      return { columns, trace };
    }
    case '1-to-n': {
      const x = xs[0] ?? tensor([0, 0]);
      const ys = oneToN(encoder, x, settings.outputSteps, { feed: settings.feed, readout, trace });
      const fedBack = settings.feed === 'output';
      const columns = ys.map((y, k) => ({
        section: 'encoder' as const,
        fedBack: fedBack && k > 0,
        input: xNode(trace.get('x', { step: k + 1 }), k + 1, k > 0 && settings.feed === 'first'),
        state: node(`h${sub(k + 1)}`, `h_${k + 1}`, trace.get('h', { step: k + 1 })),
        output: node(`y${sub(k + 1)}`, `y_${k + 1}`, y),
      }));
      return { columns, trace };
    }
    case 'n-to-m': {
      const decoder = rnnCell(weights.decoder);
      const { context, outputs } = nToM(encoder, decoder, xs, settings.outputSteps, {
        feed: settings.feed === 'every' ? 'every' : 'first',
        readout,
        trace,
      });
      const enc: DiagramColumn[] = xs.map((x, k) => ({
        section: 'encoder',
        input: xNode(x, k + 1),
        state: node(`h${sub(k + 1)}`, `h_${k + 1}`, trace.get('h', { step: k + 1, layer: 1 })),
      }));
      const dec: DiagramColumn[] = outputs.map((y, k) => ({
        section: 'decoder',
        state: node(`s${sub(k + 1)}`, `s_${k + 1}`, trace.get('h', { step: k + 1, layer: 2 })),
        output: node(`y${sub(k + 1)}`, `y_${k + 1}`, y),
      }));
      return { columns: [...enc, ...dec], context: node('c', 'c', context), trace };
    }
  }
}
