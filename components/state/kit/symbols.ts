/**
 * The engine's table of symbols and gate blocks, for widgets: the names and
 * TeX a weight panel or formula writes (`W_ir`, `W_{ir}`, `\tilde h_t`, σ)
 * come from `src/engine/symbols.ts`, the table the engine's traces use, so a
 * widget never spells them itself nor imports the engine.
 */
import { blockName, blockTex } from '~engine/symbol-tex.ts';
import { type GateBlock, type RecurrentParam, SYMBOLS } from '~engine/symbols.ts';
import type { LiveSymbol } from '~lib/tex/live.ts';

export { ACTIVATION_TEX, blockName, blockTex, texAt, unitTex } from '~engine/symbol-tex.ts';
export {
  type GateBlock,
  GRU_BLOCKS,
  LSTM_BLOCKS,
  type RecurrentParam,
  SYMBOLS,
  type SymbolKey,
  type TraceSymbol,
} from '~engine/symbols.ts';

/** What a gated cell's formulas read from its state (a GatedCellState). */
interface FormulaCell {
  readonly result: { readonly steps: readonly Readonly<Record<string, readonly number[]>>[] };
  /** The phases' outputs, by trace symbol, with their TeX at step t (`\tilde h_t`). */
  readonly phases: readonly { readonly symbol: string; readonly tex: string }[];
  readonly blocks: readonly GateBlock[];
  blockRows(param: RecurrentParam, block: number): number[][];
}

/**
 * A gated cell's live formula symbols at step t (1-based), each with its TeX from the table: `x_t`, `h_prev`
 * (h_{t−1}), each phase's output (`r_t`, `h̃_t`, `c_t`, …), `c_prev` when the cell keeps a c, and every block's
 * parameters (`W_ir`, `b_hr`, …; a bias as a vector). Here rather than in the state class, so it ships in the
 * chunk of the formulas and weight panels that already carry the table's spelling functions.
 */
export function cellSymbols(cell: FormulaCell, t: number): Record<string, LiveSymbol> {
  const step = cell.result.steps[t - 1];
  // The formulas name a step's value `<trace symbol>_t` (`h̃_t`), the previous state as the trace does (`h_prev`).
  const at = (name: string, tex: string, key: string) => {
    s[name] = { tex, value: step?.[key] ?? [] };
  };
  const s: Record<string, LiveSymbol> = {};
  at('x_t', `${SYMBOLS.x.tex}_t`, 'x');
  at('h_prev', `${SYMBOLS.h.tex}_{t-1}`, 'h_prev');
  for (const p of cell.phases) at(`${p.symbol}_t`, p.tex, p.symbol);
  if (s.c_t) at('c_prev', `${SYMBOLS.c.tex}_{t-1}`, 'c_prev');
  cell.blocks.forEach((b, k) => {
    for (const param of ['W_ih', 'W_hh', 'b_ih', 'b_hh'] as const) {
      const rows = cell.blockRows(param, k);
      s[blockName(param, b)] = { tex: blockTex(param, b), value: param[0] === 'b' ? rows.map((r) => r[0] ?? 0) : rows };
    }
  });
  return s;
}
