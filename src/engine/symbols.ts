/**
 * The chapters' symbols, one table for the engine, the weight panels and the
 * formulas: an ASCII key (what code and URLs write), the symbol a `Trace`
 * records (the chapter's own letter, e.g. `h̃`, `α`, `A'`) and its TeX.
 * Subscripts are not part of a symbol: `h_3` is `h` at step 3.
 */
export const SYMBOLS = {
  x: { symbol: 'x', tex: 'x' },
  h: { symbol: 'h', tex: 'h' },
  y: { symbol: 'y', tex: 'y' },
  c: { symbol: 'c', tex: 'c' },
  r: { symbol: 'r', tex: 'r' },
  z: { symbol: 'z', tex: 'z' },
  hTilde: { symbol: 'h̃', tex: '\\tilde h' },
  i: { symbol: 'i', tex: 'i' },
  f: { symbol: 'f', tex: 'f' },
  g: { symbol: 'g', tex: 'g' },
  o: { symbol: 'o', tex: 'o' },
  e: { symbol: 'e', tex: 'e' },
  alpha: { symbol: 'α', tex: '\\alpha' },
  s: { symbol: 's', tex: 's' },
  Q: { symbol: 'Q', tex: 'Q' },
  K: { symbol: 'K', tex: 'K' },
  V: { symbol: 'V', tex: 'V' },
  A: { symbol: 'A', tex: 'A' },
  Ap: { symbol: "A'", tex: "A'" },
  O: { symbol: 'O', tex: 'O' },
  out: { symbol: 'out', tex: '\\mathrm{out}' },
} as const;

/** An ASCII key of the symbol table (`hTilde`, `alpha`, `Ap`, …). */
export type SymbolKey = keyof typeof SYMBOLS;

/** A symbol as a trace records it (`h̃`, `α`, `A'`, …). */
export type TraceSymbol = (typeof SYMBOLS)[SymbolKey]['symbol'];

/**
 * One block of PyTorch's stacked recurrent weights: block k of `W_ih`,
 * `W_hh`, `b_ih` and `b_hh` is rows k·H … (k+1)·H − 1.
 */
export interface GateBlock {
  /** The letter in PyTorch's parameter names: the `r` of `W_ir`, `b_hr`. */
  readonly key: string;
  /** The symbol of the block's activated output in the trace and the formulas. */
  readonly out: SymbolKey;
  /** The nonlinearity applied to the block's pre-activation. */
  readonly activation: 'sigmoid' | 'tanh';
}

/** nn.LSTM's blocks in PyTorch order: input, forget, cell candidate, output. */
export const LSTM_BLOCKS = [
  { key: 'i', out: 'i', activation: 'sigmoid' },
  { key: 'f', out: 'f', activation: 'sigmoid' },
  { key: 'g', out: 'g', activation: 'tanh' },
  { key: 'o', out: 'o', activation: 'sigmoid' },
] as const satisfies readonly GateBlock[];

/** nn.GRU's blocks in PyTorch order: reset, update, new (the candidate h̃). */
export const GRU_BLOCKS = [
  { key: 'r', out: 'r', activation: 'sigmoid' },
  { key: 'z', out: 'z', activation: 'sigmoid' },
  { key: 'n', out: 'hTilde', activation: 'tanh' },
] as const satisfies readonly GateBlock[];

/** Where the GRU's reset gate acts in the candidate: 'cho' (before W_hn, the site's default) or 'pytorch' (after). */
export type GruVariant = 'cho' | 'pytorch';

/** One of the four stacked parameters of a recurrent layer. */
export type RecurrentParam = 'W_ih' | 'W_hh' | 'b_ih' | 'b_hh';
