/**
 * The engine's table of symbols and gate blocks, for widgets: the names and
 * TeX a weight panel or formula writes (`W_ir`, `W_{ir}`, `\tilde h_t`, σ)
 * come from `src/engine/symbols.ts`, the table the engine's traces use, so a
 * widget never spells them itself nor imports the engine.
 */
export { ACTIVATION_TEX, blockName, blockTex, texAt } from '~engine/symbol-tex.ts';
export { type GateBlock, type RecurrentParam, SYMBOLS, type SymbolKey, type TraceSymbol } from '~engine/symbols.ts';
