import { describe, expect, it } from 'vitest';
import {
  type BenchResults,
  isWidgetSized,
  ratioRows,
  targets,
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
      workload('multihead', 1024, { ratioWebgl2VsTfjsWebgl: 0.5 }),
      workload('widget-lstm', 8, {}, 0.4),
    ],
    trainingRace: [
      { contender: 'stepwise-cpu', reached: true, step: 125, trainMs: 3000 },
      { contender: 'tfjs-cpu', reached: true, step: 125, trainMs: 27_000 },
      { contender: 'tfjs-wasm', reached: true, step: 125, trainMs: 8300 },
      { contender: 'tfjs-webgl', reached: false, step: 600, trainMs: 1000 },
      { contender: 'stepwise-cpu', reached: true, step: 125, trainMs: 2400 },
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
        readyJs: 160 * 1024,
        readyAfterLoadMs: 620,
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
        readyJs: 50 * 1024,
        readyAfterLoadMs: -40,
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
        readyJs: 120 * 1024,
        readyAfterLoadMs: 100,
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
        paintP95: 30,
        frameMs: 16.7,
      },
      {
        page: '/notation/',
        widget: 'bare range input (baseline)',
        control: 'range "bare"',
        events: 50,
        workP50: 1,
        workP95: 1,
        paintP50: 9,
        paintP95: 14,
        frameMs: 16.7,
      },
      {
        page: '/notation/',
        widget: 'bare range input (baseline)',
        control: 'range "bare"',
        events: 50,
        workP50: 1,
        workP95: 1,
        paintP50: 9,
        paintP95: 16,
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

  it('the latency verdict names the slowest widget by its title, not its registry id', () => {
    const latency = (base.site?.latency ?? []).map((l) => (l.widget === 'b' ? { ...l, widget: 'exposure-bias' } : l));
    const run = { ...base, site: { ...(base.site as NonNullable<typeof base.site>), latency } };
    const lat = verdicts(run).find((x) => x.target.startsWith('Interaction'));
    expect(lat?.detail).toContain('worst Teacher forcing and free running at 30.0 ms');
  });

  it('verdicts report a missed target with the number that missed it', () => {
    const all = verdicts(base);
    const big = all.find((x) => x.target.startsWith('Attention at n = 1024'));
    // Both sizes are judged: multi-head (0.5) passes, self-attention (2.5) does not.
    expect(big?.met).toBe(false);
    expect(big?.target).toContain('≤ 0.8');
    expect(big?.detail).toContain('self-attention, n = 1024: 2.5; multi-head (4), n = 1024: 0.50');
    const lat = all.find((x) => x.target.startsWith('Interaction'));
    expect(lat?.met).toBe(false);
    // The bar is the slower floor (16) + 8 ms: a (15) is within, b (30) is not; the bare rows are not widgets.
    expect(lat?.detail).toBe(
      '1 of 2 widgets within; the bare input painted at 14.0 and 16.0 ms, so the bar is 24.0 ms; worst b at 30.0 ms',
    );
    const startup = all.find((x) => x.target.startsWith('Start-up'));
    // Pages without widgets (/notation/) are left out; /lstm/ was ready 620 ms after the load event.
    expect(startup?.met).toBe(false);
    expect(startup?.detail).toBe('2 of 3 pages; slowest /lstm/ at 620 ms');
    const weight = all.find((x) => x.target.startsWith('Weight'));
    expect(weight?.met).toBe(false);
    expect(weight?.detail).toBe('2 of 3 pages; heaviest /lstm/ at 160 KB');
    const recompute = all.find((x) => x.target.startsWith('Full widget recompute'));
    expect(recompute?.met).toBe(true);
  });

  it('training: the slower Stepwise run against the fastest twin that reached 95 %', () => {
    const train = verdicts(base).find((x) => x.target.startsWith('Training'));
    // 3000 ms against tfjs-wasm's 8300 (tfjs-webgl's 1000 ms did not reach 95 % and does not count).
    expect(train?.met).toBe(true);
    expect(train?.detail).toBe("0.36: Stepwise's slower run took 3.00 s, tfjs-wasm 8.30 s (95 % at step 125)");
    const slower = verdicts({
      ...base,
      engine: {
        workloads: [],
        trainingRace: [
          { contender: 'stepwise-cpu', reached: true, step: 125, trainMs: 5000 },
          { contender: 'tfjs-wasm', reached: true, step: 125, trainMs: 8300 },
        ],
      },
    }).find((x) => x.target.startsWith('Training'));
    expect(slower?.met).toBe(false);
  });

  it('a results file without a part gives no verdict for it (older runs)', () => {
    const old = verdicts({
      ...base,
      engine: { workloads: base.engine?.workloads ?? [] },
      site: {
        weights: (base.site?.weights ?? []).map(({ readyJs: _, readyAfterLoadMs: __, ...w }) => w),
        latency: (base.site?.latency ?? []).filter((l) => !l.widget.startsWith('bare')),
      },
    }).map((v) => v.target.split(':')[0]);
    expect(old).toEqual([
      'Widget-sized work',
      'Full widget recompute under 1 ms (median)',
      'Attention at n = 1024, d = 64',
    ]);
  });

  it('verdicts flip when the limits do', () => {
    const strict = verdicts(base, {
      ...targets,
      ratio: 0.8,
      widgetMs: 0.3,
      bigRatio: 3,
      paintMarginMs: 20,
      readyAfterLoadMs: 700,
      jsKB: 200,
      trainRatio: 0.3,
    });
    const met = (start: string) => strict.find((x) => x.target.startsWith(start))?.met;
    expect(met('Widget-sized')).toBe(false);
    expect(met('Full widget')).toBe(false);
    expect(met('Attention')).toBe(true);
    expect(met('Interaction')).toBe(true);
    expect(met('Start-up')).toBe(true);
    expect(met('Weight')).toBe(true);
    expect(met('Training')).toBe(false);
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
