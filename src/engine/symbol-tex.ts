/**
 * How code and formulas spell the entries of the symbol table (symbols.ts):
 * TeX with a subscript, a gate block's parameter names and TeX, a gate's
 * nonlinearity. Only widgets and tests
 * use these, so they live apart from the table itself: the engine's models
 * read symbols.ts, which every page's engine chunk carries, and these few
 * functions then reach only the pages whose widgets call them.
 */
import { type GateBlock, type RecurrentParam, SYMBOLS, type SymbolKey } from './symbols.ts';

/** TeX of `key` with subscript `t` (a step number or a TeX index such as `t` or `t-1`): `\tilde h_t`, `h_{t-1}`. */
export function texAt(key: SymbolKey, t: number | string): string {
  const index = String(t);
  return `${SYMBOLS[key].tex}_${index.length === 1 ? index : `{${index}}`}`;
}

/**
 * TeX of `key` at step `t` and, when given, unit `k` (0-based, written from 1), the heads of a formula written
 * out per unit: `unitTex('r', 3, 0)` is `r_{3,1}`, `unitTex('hTilde', 3, 0)` is `\tilde h_{3,1}`, `unitTex('c', 3)` is `c_{3}`.
 */
export function unitTex(key: SymbolKey, t: number, k?: number): string {
  return `${SYMBOLS[key].tex}_{${k === undefined ? t : `${t},${k + 1}`}}`;
}

/** The name of block `block`'s part of a parameter: `blockName('W_ih', GRU_BLOCKS[0])` is `W_ir`. */
export function blockName(param: RecurrentParam, block: GateBlock): string {
  return `${param.slice(0, 3)}${block.key}`;
}

/** Its TeX: `blockTex('W_ih', GRU_BLOCKS[0])` is `W_{ir}`. */
export function blockTex(param: RecurrentParam, block: GateBlock): string {
  return `${param.slice(0, 2)}{${param.slice(2, 3)}${block.key}}`;
}

/** How the formulas write each block's nonlinearity: σ for the sigmoid, tanh. */
export const ACTIVATION_TEX = {
  sigmoid: '\\sigma',
  tanh: '\\tanh',
} as const satisfies Record<GateBlock['activation'], string>;
