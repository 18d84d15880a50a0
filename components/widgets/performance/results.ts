/**
 * The shape of bench/results/<date>.json (written by bench/run.ts) and the
 * pure functions the Performance page uses to turn it into rows and verdicts.
 */
import { m } from '~lib/i18n/messages.ts';

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
    workloads: WorkloadSummary[];
  };
  site?: { weights: WeightSummary[]; latency: LatencySummary[] };
  /** When the engine and site parts come from separate runs (merged with --engine-from / --site-from). */
  engineRun?: { date: string; machine: { uptimeStart: string; uptimeEnd?: string } };
  siteRun?: { date: string; machine: { uptimeStart: string; uptimeEnd?: string } };
  /** Workloads measured again in a later run (--engine-update) after a change that concerns only them. */
  engineRemeasured?: { workloads: string[]; date: string; machine: { uptimeStart: string } }[];
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

/** Each of issue 8's targets, met or missed and by how much, from one results file. */
export function verdicts(r: BenchResults, limits = { ratio: 1, widgetMs: 1, frameMs: 16, jsKB: 100 }): Verdict[] {
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
  const big = workloads.find((w) => w.kind === 'selfattn' && w.size === 1024);
  if (big?.ratioWebgl2VsTfjsWebgl != null) {
    out.push({
      target: m.widget_performance_results_verdict_big(),
      met: big.ratioWebgl2VsTfjsWebgl <= 1,
      detail: m.widget_performance_results_verdict_big_detail({ ratio: fmt(big.ratioWebgl2VsTfjsWebgl) }),
    });
  }
  // The bare range input is the floor the widgets are read against, not a widget.
  const isBaseline = (l: { widget: string }) => l.widget.startsWith('bare range input');
  const measured = (r.site?.latency ?? []).filter((l) => l.paintP95 !== null);
  const lat = measured.filter((l) => !isBaseline(l));
  if (lat.length > 0) {
    const worst = lat.reduce((a, b) => ((b.paintP95 ?? 0) > (a.paintP95 ?? 0) ? b : a));
    const over = lat.filter((l) => (l.paintP95 ?? 0) >= limits.frameMs);
    const workUnder = lat.filter((l) => l.workP95 !== null && l.workP95 < limits.frameMs).length;
    const floor = measured.filter(isBaseline).map((l) => fmt(l.paintP95 ?? Number.NaN, 3));
    const facts = {
      under: lat.length - over.length,
      total: lat.length,
      widget: worst.widget,
      ms: fmt(worst.paintP95 ?? Number.NaN, 3),
      frame: limits.frameMs,
      workUnder,
    };
    out.push({
      target: m.widget_performance_results_verdict_latency({ frame: limits.frameMs }),
      met: over.length === 0,
      detail:
        floor.length > 0
          ? m.widget_performance_results_verdict_latency_detail_floor({
              ...facts,
              times: floor.join(m.widget_performance_results_verdict_list_and()),
            })
          : m.widget_performance_results_verdict_latency_detail(facts),
    });
  }
  const pages = (r.site?.weights ?? []).filter((w) => w.kind === 'chapter' && w.widgets > 0 && w.page !== '/lab/');
  if (pages.length > 0) {
    const worst = pages.reduce((a, b) => (b.initialJs > a.initialJs ? b : a));
    const over = pages.filter((p) => p.initialJs / 1024 >= limits.jsKB);
    out.push({
      target: m.widget_performance_results_verdict_weight({ limit: limits.jsKB }),
      met: over.length === 0,
      detail: m.widget_performance_results_verdict_weight_detail({
        under: pages.length - over.length,
        total: pages.length,
        page: worst.page,
        kb: fmt(worst.initialJs / 1024, 3),
      }),
    });
  }
  return out;
}
