/**
 * The shape of bench/results/<date>.json (written by bench/run.ts) and the
 * pure functions the Performance page uses to turn it into rows and verdicts.
 */
import { m } from '~lib/i18n/messages.ts';
import { widgetById } from '../registry.ts';

export interface ImplSummary {
  impl: string;
  samples: number;
  stepMedian: number | null;
  stepP90: number | null;
  chainMedian: number | null;
  chainP90: number | null;
  coldMs: number | null;
  coldCompiles: number | null;
  shapeChangeMs: number | null;
  shapeChangeCompiles: number | null;
  maxErr: number | null;
}

export interface WorkloadSummary {
  workload: string;
  kind: string;
  size: number;
  bestTfjs: string | null;
  ratioCpu: number | null;
  ratioWebgl2: number | null;
  ratioBest: number | null;
  ratioChainBest: number | null;
  ratioWebgl2VsTfjsWebgl: number | null;
  impls: ImplSummary[];
}

export interface WeightSummary {
  page: string;
  kind: string;
  initialJs: number;
  loadedJs: number;
  css: number;
  widgets: number;
  firstReadyMs: number | null;
  allReadyMs: number | null;
  /** Gzipped bytes of JavaScript fetched before the page's last widget was ready (runs since 2026-12-04). */
  readyJs?: number;
  /** The last widget's ready time counted from the load event's end (negative: before it ended). */
  readyAfterLoadMs?: number | null;
}

export interface LatencySummary {
  page: string;
  widget: string;
  control: string;
  events: number;
  workP50: number | null;
  workP95: number | null;
  paintP50: number | null;
  paintP95: number | null;
  /** Input → the whole picture drawn, charts drawn a frame after their numbers included (runs since 7 December). */
  drawnP95?: number | null;
  frameMs: number | null;
  error?: string;
}

export interface BenchResults {
  date: string;
  command: string;
  settings: { reps: number; launches: number; events: number };
  machine: { cpuModel: string; cores: number; chromium: string; uptimeStart: string; uptimeEnd?: string };
  engine?: {
    environment?: {
      crossOriginIsolated: boolean;
      timerResolutionMs: number;
      stepwiseWebgl2: { renderer?: string; software?: boolean; failure?: string };
      tfjs: { version: string; wasmFeatures: string };
    };
    timeTo95?: { reached: boolean; step: number; trainMs: number; wallMs: number } | null;
    /** The lab's model trained to 95 % by each contender in turn on one page (runs since 2026-12-05). */
    trainingRace?: RaceEntry[] | null;
    workloads: WorkloadSummary[];
  };
  /** paintFlags: how pages were painted (absent in runs before 2026-12-06 afternoon: through SwiftShader). */
  site?: { weights: WeightSummary[]; latency: LatencySummary[]; paintFlags?: string[] };
  /** When the engine and site parts come from separate runs (merged with --engine-from / --site-from). */
  engineRun?: { date: string; machine: { uptimeStart: string; uptimeEnd?: string } };
  siteRun?: { date: string; machine: { uptimeStart: string; uptimeEnd?: string } };
  /** Workloads measured again in a later run (--engine-update) after a change that concerns only them. */
  engineRemeasured?: { workloads: string[]; date: string; machine: { uptimeStart: string } }[];
}

export interface RaceEntry {
  contender: string;
  reached: boolean;
  step: number;
  trainMs: number;
}

/** The load average part of an `uptime` line: "load average: 20.1, 18.3, 17.9" → "20.1, 18.3, 17.9". */
export function loadOf(uptime: string | undefined): string {
  return uptime?.match(/load average:\s*(.*)$/)?.[1] ?? '?';
}

/** Readable workload names: "lstm-16" → "LSTM step, H = 16". */
export function workloadLabel(w: { kind: string; size: number }): string {
  const size = w.size;
  switch (w.kind) {
    case 'lstm':
      return m.widget_performance_results_workload_lstm({ size });
    case 'gru':
      return m.widget_performance_results_workload_gru({ size });
    case 'bahdanau':
      return m.widget_performance_results_workload_bahdanau({ size });
    case 'selfattn':
      return m.widget_performance_results_workload_selfattn({ size });
    case 'multihead':
      return m.widget_performance_results_workload_multihead({ size });
    case 'train':
      return m.widget_performance_results_workload_train();
    case 'widget-lstm':
      return m.widget_performance_results_workload_widget_lstm();
    case 'widget-attn':
      return m.widget_performance_results_workload_widget_attn();
    default:
      return `${w.kind} ${w.size}`;
  }
}

/** A compact name for chart axes (fits a phone): "lstm-16" → "LSTM H=16". */
export function shortLabel(w: { kind: string; size: number }): string {
  const names: Record<string, (p: { size: number }) => string> = {
    lstm: m.widget_performance_results_short_lstm,
    gru: m.widget_performance_results_short_gru,
    bahdanau: m.widget_performance_results_short_bahdanau,
    selfattn: m.widget_performance_results_short_selfattn,
    multihead: m.widget_performance_results_short_multihead,
  };
  if (w.kind === 'train') return m.widget_performance_results_short_train();
  if (w.kind === 'widget-lstm') return m.widget_performance_results_short_widget_lstm();
  if (w.kind === 'widget-attn') return m.widget_performance_results_short_widget_attn();
  return names[w.kind]?.({ size: w.size }) ?? `${w.kind} ${w.size}`;
}

/** Widget-sized workloads (H ≤ 64, n ≤ 32), where Stepwise should be at least as fast as TensorFlow.js. */
export function isWidgetSized(w: { kind: string; size: number }): boolean {
  if (w.kind === 'lstm' || w.kind === 'gru') return w.size <= 64;
  if (w.kind === 'bahdanau' || w.kind === 'selfattn' || w.kind === 'multihead') return w.size <= 32;
  return false;
}

/** One row of the ratio chart: Stepwise ÷ fastest TensorFlow.js backend, per Stepwise backend. */
export interface RatioRow {
  workload: string;
  label: string;
  backend: 'CPU' | 'WebGL2 (software)';
  ratio: number;
}

export function ratioRows(r: BenchResults): RatioRow[] {
  const rows: RatioRow[] = [];
  for (const w of r.engine?.workloads ?? []) {
    const label = shortLabel(w);
    if (w.ratioCpu !== null) rows.push({ workload: w.workload, label, backend: 'CPU', ratio: w.ratioCpu });
    if (w.ratioWebgl2 !== null)
      rows.push({ workload: w.workload, label, backend: 'WebGL2 (software)', ratio: w.ratioWebgl2 });
  }
  return rows;
}

export interface Verdict {
  target: string;
  met: boolean | null;
  detail: string;
}

const fmt = (v: number, digits = 2) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(digits));

/** The targets the page judges a run by (issue 8's engine targets; issue 16's for a modest machine). */
export const targets = {
  /** Widget-sized work: Stepwise ÷ fastest TensorFlow.js. */
  ratio: 1,
  /** A whole widget recomputed, median ms. */
  widgetMs: 1,
  /** Attention at n = 1024 on WebGL2: Stepwise ÷ TensorFlow.js webgl. */
  bigRatio: 0.8,
  /** Every widget's input-to-paint p95 within this many ms of a bare range input's, in the same run. */
  paintMarginMs: 8,
  /** Every page's widgets ready within this many ms of the load event. */
  readyAfterLoadMs: 500,
  /** Gzipped JavaScript fetched before a page's widgets are ready, KB. */
  jsKB: 150,
  /** Stepwise's training time to 95 % ÷ its TensorFlow.js twin's (the fastest backend's). */
  trainRatio: 0.5,
};

/** Each target, met or missed and by how much, from one results file; a part the file lacks is left out. */
export function verdicts(r: BenchResults, limits = targets): Verdict[] {
  const out: Verdict[] = [];
  const workloads = r.engine?.workloads ?? [];
  const sized = workloads.filter(isWidgetSized).filter((w) => w.ratioBest !== null);
  if (sized.length > 0) {
    const worst = sized.reduce((a, b) => ((b.ratioBest ?? 0) > (a.ratioBest ?? 0) ? b : a));
    const ratio = worst.ratioBest ?? Number.NaN;
    out.push({
      target: m.widget_performance_results_verdict_ratio({ limit: limits.ratio }),
      met: ratio <= limits.ratio,
      detail: m.widget_performance_results_verdict_ratio_detail({
        ratio: fmt(ratio),
        workload: workloadLabel(worst),
        backend: worst.bestTfjs ?? '?',
        count: sized.length,
      }),
    });
  }
  const widget = workloads.filter((w) => w.kind.startsWith('widget-'));
  if (widget.length > 0) {
    const ms = widget.map((w) => w.impls[0]?.stepMedian ?? Number.NaN);
    const worst = Math.max(...ms);
    out.push({
      target: m.widget_performance_results_verdict_recompute({ limit: limits.widgetMs }),
      met: worst < limits.widgetMs,
      detail: m.widget_performance_results_verdict_recompute_detail({
        ms: fmt(worst),
        each: widget
          .map((w, k) =>
            m.widget_performance_results_verdict_recompute_each({
              workload: workloadLabel(w),
              ms: fmt(ms[k] ?? Number.NaN),
            }),
          )
          .join('; '),
      }),
    });
  }
  const big = ['selfattn', 'multihead'].flatMap((kind) => {
    const w = workloads.find((x) => x.kind === kind && x.size === 1024);
    return w?.ratioWebgl2VsTfjsWebgl != null ? [{ w, ratio: w.ratioWebgl2VsTfjsWebgl }] : [];
  });
  if (big.length > 0) {
    out.push({
      target: m.widget_performance_results_verdict_big({ limit: limits.bigRatio }),
      met: big.every((b) => b.ratio <= limits.bigRatio),
      detail: m.widget_performance_results_verdict_big_detail({
        ratios: big
          .map((b) =>
            m.widget_performance_results_verdict_big_each({ workload: workloadLabel(b.w), ratio: fmt(b.ratio) }),
          )
          .join('; '),
      }),
    });
  }
  const race = (r.engine?.trainingRace ?? []).filter((e) => e.reached);
  const ours = race.filter((e) => e.contender.startsWith('stepwise'));
  const twins = race.filter((e) => e.contender.startsWith('tfjs'));
  if (ours.length > 0 && twins.length > 0) {
    const slowest = ours.reduce((a, b) => (b.trainMs > a.trainMs ? b : a));
    const twin = twins.reduce((a, b) => (b.trainMs < a.trainMs ? b : a));
    const ratio = slowest.trainMs / twin.trainMs;
    out.push({
      target: m.widget_performance_results_verdict_train({ limit: limits.trainRatio }),
      met: ratio < limits.trainRatio,
      detail: m.widget_performance_results_verdict_train_detail({
        ratio: fmt(ratio),
        ours: fmt(slowest.trainMs / 1000, 3),
        twin: fmt(twin.trainMs / 1000, 3),
        backend: twin.contender,
        step: slowest.step,
      }),
    });
  }
  // The bare range input is the floor the widgets are read against, not a widget.
  const isBaseline = (l: { widget: string }) => l.widget.startsWith('bare range input');
  const measured = (r.site?.latency ?? []).filter((l) => l.paintP95 !== null);
  const lat = measured.filter((l) => !isBaseline(l));
  const floors = measured.filter(isBaseline).map((l) => l.paintP95 ?? Number.NaN);
  if (lat.length > 0 && floors.length > 0) {
    // The slower of the run's readings of the floor (measured first and last): the kinder bar.
    const bar = Math.max(...floors) + limits.paintMarginMs;
    const worst = lat.reduce((a, b) => ((b.paintP95 ?? 0) > (a.paintP95 ?? 0) ? b : a));
    const within = lat.filter((l) => (l.paintP95 ?? 0) <= bar).length;
    out.push({
      target: m.widget_performance_results_verdict_latency({ margin: limits.paintMarginMs }),
      met: within === lat.length,
      detail: m.widget_performance_results_verdict_latency_detail({
        within,
        total: lat.length,
        times: floors.map((f) => fmt(f, 3)).join(m.widget_performance_results_verdict_list_and()),
        bar: fmt(bar, 3),
        // Named by its title in the page's language: the run records the registry id.
        widget: widgetById(worst.widget)?.title() ?? worst.widget,
        ms: fmt(worst.paintP95 ?? Number.NaN, 3),
      }),
    });
  }
  const timed = (r.site?.weights ?? []).filter(
    (w): w is WeightSummary & { readyAfterLoadMs: number } => w.widgets > 0 && typeof w.readyAfterLoadMs === 'number',
  );
  if (timed.length > 0) {
    const slowest = timed.reduce((a, b) => (b.readyAfterLoadMs > a.readyAfterLoadMs ? b : a));
    const within = timed.filter((w) => w.readyAfterLoadMs <= limits.readyAfterLoadMs).length;
    out.push({
      target: m.widget_performance_results_verdict_startup({ limit: limits.readyAfterLoadMs }),
      met: within === timed.length,
      detail: m.widget_performance_results_verdict_startup_detail({
        within,
        total: timed.length,
        page: slowest.page,
        ms: Math.round(slowest.readyAfterLoadMs),
      }),
    });
  }
  const weighed = (r.site?.weights ?? []).filter(
    (w): w is WeightSummary & { readyJs: number } => w.widgets > 0 && typeof w.readyJs === 'number',
  );
  if (weighed.length > 0) {
    const heaviest = weighed.reduce((a, b) => (b.readyJs > a.readyJs ? b : a));
    const within = weighed.filter((w) => w.readyJs / 1024 <= limits.jsKB).length;
    out.push({
      target: m.widget_performance_results_verdict_weight({ limit: limits.jsKB }),
      met: within === weighed.length,
      detail: m.widget_performance_results_verdict_weight_detail({
        within,
        total: weighed.length,
        page: heaviest.page,
        kb: fmt(heaviest.readyJs / 1024, 3),
      }),
    });
  }
  return out;
}
