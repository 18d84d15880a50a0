import { describe, expect, it } from 'vitest';
import {
  constantParams,
  GRU_BLOCKS,
  gruCell,
  LSTM_BLOCKS,
  label,
  lstmGates,
  runSequence,
  SYMBOLS,
  Trace,
  tensor,
  zeros,
} from '~engine/index.ts';
import { ACTIVATION_TEX, blockName, blockTex, texAt, unitTex } from '~engine/symbol-tex.ts';
import { eachBackend } from './each-backend.ts';

describe('the symbol and gate-block table (symbols.ts)', () => {
  it('SYMBOLS keys are ASCII and each symbol is written once', () => {
    const keys = Object.keys(SYMBOLS);
    expect(keys.filter((k) => !/^[A-Za-z]+$/.test(k))).toEqual([]);
    const symbols = Object.values(SYMBOLS).map((s) => s.symbol);
    expect(new Set(symbols).size).toBe(symbols.length);
  });

  it("texAt('hTilde', 't'), blockName('W_hh', GRU_BLOCKS[2]) and blockTex spell the chapters' names", () => {
    expect(texAt('hTilde', 't')).toBe('\\tilde h_t');
    expect(texAt('h', 't-1')).toBe('h_{t-1}');
    expect(blockTex('W_ih', GRU_BLOCKS[0])).toBe('W_{ir}');
    expect(blockName('W_hh', GRU_BLOCKS[2])).toBe('W_hn');
    expect(LSTM_BLOCKS.map((b) => blockName('b_ih', b))).toEqual(['b_ii', 'b_if', 'b_ig', 'b_io']);
  });

  it("unitTex spells a per-unit line's head as the GRU and LSTM formulas wrote it by hand", () => {
    expect(unitTex('r', 3, 0)).toBe('r_{3,1}');
    expect(unitTex('hTilde', 12, 1)).toBe('\\tilde h_{12,2}');
    expect(unitTex('h', 3, 1)).toBe('h_{3,2}');
    expect(unitTex('c', 3)).toBe('c_{3}');
    expect(unitTex('g', 10)).toBe('g_{10}');
  });

  it('ACTIVATION_TEX gives each block its nonlinearity: σ for the gates, tanh for the candidates', () => {
    expect(GRU_BLOCKS.map((b) => ACTIVATION_TEX[b.activation])).toEqual(['\\sigma', '\\sigma', '\\tanh']);
    expect(LSTM_BLOCKS.map((b) => ACTIVATION_TEX[b.activation])).toEqual(['\\sigma', '\\sigma', '\\tanh', '\\sigma']);
  });

  it('gruCell records the GRU blocks’ outputs in block order, then h', () => {
    const trace = new Trace();
    runSequence(gruCell(constantParams(GRU_BLOCKS.length, 1, 2, 0.5)), [tensor([1])], { trace });
    const outs = GRU_BLOCKS.map((b) => SYMBOLS[b.out].symbol);
    expect(trace.entries.map(label)).toEqual(['x_1', ...outs.map((s) => `${s}_1`), 'h_1']);
  });
});

eachBackend('lstmGates follows LSTM_BLOCKS', () => {
  it('lstmGates applies each block’s activation from the table (tanh(−10) = −1, σ(−10) ≈ 0)', () => {
    const H = 2;
    const n = LSTM_BLOCKS.length * H;
    const out = lstmGates(
      zeros([1, 1]),
      zeros([1, H]),
      zeros([n, 1]),
      zeros([n, H]),
      tensor(new Array(n).fill(-10)),
      zeros([n]),
    );
    const perBlock = LSTM_BLOCKS.map((_, k) => out.toArray().slice(k * H, (k + 1) * H));
    LSTM_BLOCKS.forEach((b, k) => {
      const expected = b.activation === 'tanh' ? Math.tanh(-10) : 1 / (1 + Math.exp(10));
      for (const v of perBlock[k] ?? []) expect(v).toBeCloseTo(expected, 6);
    });
  });
});
