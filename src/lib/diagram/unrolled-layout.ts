/**
 * Layout for an unrolled recurrent network drawn as SVG: one column per time
 * step with its input below, its state in the middle and its output above,
 * and (for encoder–decoder models) a context node between the two halves.
 * Pure geometry, so it can be tested without a DOM.
 */

/** A box of numbers in the diagram (an input, a state, an output or the context). */
export interface DiagramNode {
  /** Visible label, e.g. "h₂". */
  label: string;
  /** The symbol for data-symbol, e.g. "h_2". */
  symbol: string;
  values: readonly number[];
  /** Drawn faded: a zero input that is "not fed", or a step not reached yet. */
  muted?: boolean;
}

/** One time step. */
export interface DiagramColumn {
  input?: DiagramNode;
  state: DiagramNode;
  output?: DiagramNode;
  /** Encoder and decoder columns are separated by the context node. */
  section: 'encoder' | 'decoder';
  /** This column's input is the previous column's output (a generator feeding itself). */
  fedBack?: boolean;
}

/** A positioned node. */
export interface PlacedNode extends DiagramNode {
  kind: 'input' | 'state' | 'output' | 'context';
  x: number;
  y: number;
  width: number;
  height: number;
  /** Column index (the context node has -1). */
  column: number;
}

/** A straight arrow from one node's edge to another's. */
export interface Arrow {
  from: { x: number; y: number };
  to: { x: number; y: number };
  kind: 'recurrent' | 'input' | 'output' | 'context';
  /** Index of the column the arrow flows into (-1: into the context). */
  column: number;
  /** Corner points between `from` and `to` (a right-angled route). */
  via?: { x: number; y: number }[];
}

/** Sizes in SVG user units. */
export const geometry = {
  columnWidth: 92,
  boxWidth: 70,
  rowGap: 34,
  lineHeight: 17,
  padding: 8,
  margin: 10,
  labelWidth: 0,
} as const;

/** A box holds a label line, then one line per value. */
const boxHeight = (n: number) => (Math.max(1, n) + 1) * geometry.lineHeight + 2 * geometry.padding;

/** Places every node and arrow; returns the SVG size too. */
export function layoutUnrolled(
  columns: readonly DiagramColumn[],
  context?: DiagramNode,
  contextFeed: 'first' | 'every' = 'first',
): { nodes: PlacedNode[]; arrows: Arrow[]; width: number; height: number } {
  const { columnWidth, boxWidth, rowGap, margin } = geometry;
  const rows = {
    output: Math.max(0, ...columns.map((c) => (c.output ? boxHeight(c.output.values.length) : 0))),
    state: Math.max(boxHeight(1), ...columns.map((c) => boxHeight(c.state.values.length))),
    input: Math.max(0, ...columns.map((c) => (c.input ? boxHeight(c.input.values.length) : 0))),
  };
  const yOutput = margin;
  const yState = yOutput + (rows.output > 0 ? rows.output + rowGap : 0);
  const yInput = yState + rows.state + rowGap;
  const height = yInput + rows.input + margin;

  const nodes: PlacedNode[] = [];
  const arrows: Arrow[] = [];
  const contextColumn = context ? columns.findIndex((c) => c.section === 'decoder') : -1;
  const slot = (i: number) => i + (contextColumn >= 0 && i >= contextColumn ? 1 : 0);
  const left = (i: number) => margin + slot(i) * columnWidth + (columnWidth - boxWidth) / 2;

  let contextNode: PlacedNode | undefined;
  if (context && contextColumn >= 0) {
    const h = boxHeight(context.values.length);
    contextNode = {
      ...context,
      kind: 'context',
      column: -1,
      x: margin + contextColumn * columnWidth + (columnWidth - boxWidth) / 2,
      y: yState + (rows.state - h) / 2,
      width: boxWidth,
      height: h,
    };
    nodes.push(contextNode);
  }

  let previous: PlacedNode | undefined;
  let previousOutput: PlacedNode | undefined;
  columns.forEach((col, i) => {
    const x = left(i);
    const state: PlacedNode = {
      ...col.state,
      kind: 'state',
      column: i,
      x,
      y: yState,
      width: boxWidth,
      height: rows.state,
    };
    nodes.push(state);
    const mid = x + boxWidth / 2;
    if (col.input) {
      const h = boxHeight(col.input.values.length);
      nodes.push({ ...col.input, kind: 'input', column: i, x, y: yInput, width: boxWidth, height: h });
      arrows.push({ from: { x: mid, y: yInput }, to: { x: mid, y: yState + rows.state }, kind: 'input', column: i });
      if (col.fedBack && previousOutput) {
        // y_{t−1} comes down through the gap between the columns and enters x_t from the left.
        const gap = x - (columnWidth - boxWidth) / 2;
        const from = { x: previousOutput.x + boxWidth, y: previousOutput.y + previousOutput.height / 2 };
        const to = { x, y: yInput + h / 2 };
        arrows.push({
          from,
          to,
          via: [
            { x: gap, y: from.y },
            { x: gap, y: to.y },
          ],
          kind: 'input',
          column: i,
        });
      }
    }
    if (col.output) {
      const h = boxHeight(col.output.values.length);
      const y = yOutput + rows.output - h;
      previousOutput = { ...col.output, kind: 'output', column: i, x, y, width: boxWidth, height: h };
      nodes.push(previousOutput);
      arrows.push({ from: { x: mid, y: yState }, to: { x: mid, y: y + h }, kind: 'output', column: i });
    }
    const enteringDecoder = contextNode && i === contextColumn;
    if (enteringDecoder && previous && contextNode) {
      const cy = contextNode.y + contextNode.height / 2;
      arrows.push({
        from: { x: previous.x + boxWidth, y: cy },
        to: { x: contextNode.x, y: cy },
        kind: 'context',
        column: -1,
      });
      arrows.push({ from: { x: contextNode.x + boxWidth, y: cy }, to: { x, y: cy }, kind: 'context', column: i });
    } else if (previous && previous.kind === 'state') {
      const y = yState + rows.state / 2;
      arrows.push({ from: { x: previous.x + boxWidth, y }, to: { x, y }, kind: 'recurrent', column: i });
    }
    if (contextNode && col.section === 'decoder' && contextFeed === 'every' && i > contextColumn) {
      // The context reaches later decoder steps along a bus above the state row,
      // entering left of centre so it does not overlap the output arrow.
      const bus = yState - rowGap / 2;
      const cx = contextNode.x + boxWidth / 2;
      const entry = mid - boxWidth / 4;
      arrows.push({
        from: { x: cx, y: contextNode.y },
        to: { x: entry, y: yState },
        via: [
          { x: cx, y: bus },
          { x: entry, y: bus },
        ],
        kind: 'context',
        column: i,
      });
    }
    previous = state;
  });

  const slots = columns.length + (contextNode ? 1 : 0);
  return { nodes, arrows, width: 2 * margin + slots * columnWidth, height };
}
