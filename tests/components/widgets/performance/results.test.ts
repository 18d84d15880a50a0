import { describe, expect, it } from 'vitest';
import {
  type BenchResults,
  isWidgetSized,
  ratioRows,
  verdicts,
  type WorkloadSummary,
  workloadLabel,
} from '~components/widgets/performance/results.ts';

function workload(
  kind: string,
  size: number,
  ratios: Partial<WorkloadSummary> = {},
  stepMedian = 0.1,
): WorkloadSummary {
  return {
    workload: `${kind}-${size}`,
    kind,
    size,
    bestTfjs: 'tfjs-wasm',
    ratioCpu: null,
    ratioWebgl2: null,
    ratioBest: null,
    ratioChainBest: null,
    ratioWebgl2VsTfjsWebgl: null,
    impls: [
      {
        impl: 'stepwise-cpu',
        samples: 45,
        stepMedian,
        stepP90: stepMedian,
        chainMedian: null,
        chainP90: null,
        coldMs: null,
        coldCompiles: null,
        shapeChangeMs: null,
        shapeChangeCompiles: null,
        maxErr: 1e-8,
      },
    ],
    ...ratios,
  };
}

const base: BenchResults = {
  date: '2026-01-01T00:00:00Z',
  command: 'npm run bench',
  settings: { reps: 15, launches: 3, events: 50 },
  machine: { cpuModel: 'test CPU', cores: 2, chromium: 'Chromium 1', uptimeStart: 'load 1' },
  engine: {
    workloads: [
      workload('lstm', 16, { ratioCpu: 0.5, ratioWebgl2: 20, ratioBest: 0.5 }),
      workload('selfattn', 8, { ratioCpu: 0.9, ratioBest: 0.9 }),
      workload('selfattn', 64, { ratioCpu: 3, ratioBest: 3 }),
      workload('selfattn', 1024, { ratioWebgl2VsTfjsWebgl: 2.5 }),
      workload('widget-lstm', 8, {}, 0.4),
    ],
  },
  site: {
    weights: [
      {
        page: '/lstm/',
        kind: 'chapter',
        initialJs: 220 * 1024,
        loadedJs: 0,
        css: 0,
        widgets: 1,
        firstReadyMs: 1,
        allReadyMs: 1,
      },
      {
        page: '/shapes/',
        kind: 'chapter',
        initialJs: 50 * 1024,
        loadedJs: 0,
        css: 0,
        widgets: 1,
        firstReadyMs: 1,
        allReadyMs: 1,
      },
      {
        page: '/lab/',
        kind: 'chapter',
        initialJs: 500 * 1024,
        loadedJs: 0,
        css: 0,
        widgets: 2,
        firstReadyMs: 1,
        allReadyMs: 1,
      },
      {
        page: '/notation/',
        kind: 'chapter',
        initialJs: 0,
        loadedJs: 0,
        css: 0,
        widgets: 0,
        firstReadyMs: null,
        allReadyMs: null,
      },
    ],
    latency: [
      {
        page: '/a/',
        widget: 'a',
        control: 'x',
        events: 50,
        workP50: 1,
        workP95: 2,
        paintP50: 9,
        paintP95: 15,
        frameMs: 16.7,
      },
      {
        page: '/b/',
        widget: 'b',
        control: 'x',
        events: 50,
        workP50: 1,
        workP95: 2,
        paintP50: 9,
        paintP95: 22,
        frameMs: 16.7,
      },
      {
        page: '/c/',
        widget: 'c',
        control: '',
        events: 0,
        workP50: null,
        workP95: null,
        paintP50: null,
        paintP95: null,
        frameMs: 16.7,
        error: 'no control',
      },
    ],
  },
};

describe('performance results', () => {
  it('isWidgetSized keeps H ≤ 64 and n ≤ 32 only', () => {
    expect(isWidgetSized({ kind: 'lstm', size: 64 })).toBe(true);
    expect(isWidgetSized({ kind: 'gru', size: 256 })).toBe(false);
    expect(isWidgetSized({ kind: 'selfattn', size: 8 })).toBe(true);
    expect(isWidgetSized({ kind: 'selfattn', size: 64 })).toBe(false);
    expect(isWidgetSized({ kind: 'train', size: 32 })).toBe(false);
  });

  it('workloadLabel names the model and its size', () => {
    expect(workloadLabel({ kind: 'lstm', size: 16 })).toBe('LSTM step, H = 16');
    expect(workloadLabel({ kind: 'multihead', size: 1024 })).toBe('multi-head (4), n = 1024');
  });

  it('ratioRows gives one row per Stepwise backend that ran', () => {
    const rows = ratioRows(base);
    expect(rows.filter((r) => r.workload === 'lstm-16').map((r) => [r.backend, r.ratio])).toEqual([
      ['CPU', 0.5],
      ['WebGL2 (software)', 20],
    ]);
    expect(rows.some((r) => r.workload === 'selfattn-1024')).toBe(false);
  });

  it('verdicts judge the widget-sized ratio on the worst widget-sized workload only', () => {
    const v = verdicts(base).find((x) => x.target.startsWith('Widget-sized'));
    // selfattn-64 (ratio 3) is not widget-sized; the worst widget-sized one is selfattn-8 at 0.9.
    expect(v?.met).toBe(true);
    expect(v?.detail).toContain('0.90');
  });

  it('verdicts report a missed target with the number that missed it', () => {
    const all = verdicts(base);
    const big = all.find((x) => x.target.startsWith('Attention n = 1024'));
    expect(big?.met).toBe(false);
    expect(big?.detail).toContain('2.5');
    const lat = all.find((x) => x.target.startsWith('Interaction'));
    expect(lat?.met).toBe(false);
    expect(lat?.detail).toContain('1 of 2 widgets under; worst b at 22.0 ms');
    expect(lat?.detail).toContain('fits 16 ms for 2 of 2');
    const weight = all.find((x) => x.target.startsWith('Page weight'));
    // The lab (lazy training code allowed) and pages without widgets are left out.
    expect(weight?.detail).toContain('1 of 2 pages under; heaviest /lstm/ at 220 KB');
    const recompute = all.find((x) => x.target.startsWith('Full widget recompute'));
    expect(recompute?.met).toBe(true);
  });

  it('the bare range input is the floor, not a widget', () => {
    const latency = [
      ...(base.site?.latency ?? []),
      {
        ...(base.site?.latency[0] as NonNullable<typeof base.site>['latency'][number]),
        widget: 'bare range input (baseline)',
        paintP95: 18,
      },
    ];
    const lat = verdicts({ ...base, site: { weights: base.site?.weights ?? [], latency } }).find((x) =>
      x.target.startsWith('Interaction'),
    );
    expect(lat?.detail).toContain('1 of 2 widgets under');
    expect(lat?.detail).toContain('a bare range input paints at 18.0 ms');
  });

  it('verdicts flip when the limits do', () => {
    const strict = verdicts(base, { ratio: 0.8, widgetMs: 0.3, frameMs: 30, jsKB: 300 });
    expect(strict.find((x) => x.target.startsWith('Widget-sized'))?.met).toBe(false);
    expect(strict.find((x) => x.target.startsWith('Full widget'))?.met).toBe(false);
    expect(strict.find((x) => x.target.startsWith('Interaction'))?.met).toBe(true);
    expect(strict.find((x) => x.target.startsWith('Page weight'))?.met).toBe(true);
  });

  it('bench stats: quantile interpolates and ignores non-finite samples', async () => {
    const { quantile, median, sig } = await import('../../../../bench/stats.ts');
    expect(median([3, 1, 2])).toBe(2);
    expect(quantile([0, 10], 0.9)).toBeCloseTo(9, 12);
    expect(median([1, Number.NaN, 3])).toBe(2);
    expect(Number.isNaN(median([]))).toBe(true);
    expect(sig(0.000123456, 3)).toBe(0.000123);
    expect(sig(Number.POSITIVE_INFINITY)).toBe(null);
  });
});

describe('loadOf', () => {
  it('takes the load averages out of an uptime line, or ? when there is none', async () => {
    const { loadOf } = await import('~components/widgets/performance/results.ts');
    expect(loadOf(' 01:00:00 up 1:00,  0 user,  load average: 20.45, 25.95, 21.39')).toBe('20.45, 25.95, 21.39');
    expect(loadOf(undefined)).toBe('?');
  });
});
