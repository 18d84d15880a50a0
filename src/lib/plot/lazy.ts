import type { PlotOptions } from '@observablehq/plot';
import type * as PlotModule from './marks.ts';
import { signatureOf } from './signature.ts';

/**
 * Observable Plot (the marks in plot-marks.ts and the d3 modules they need,
 * ~85 KB gzipped) loads on demand instead of with a chapter's first
 * JavaScript: PlotFigure calls
 * `loadPlot()` after the page's first paint and draws once it resolves.
 * Chart builders use `Plot` from here exactly as they would the package's
 * namespace (`Plot.plot`, `Plot.lineY`, …); they only ever run inside a
 * PlotFigure's `draw`, so the module is there by then.
 *
 * Before it arrives, `probeHeight` runs a figure's `draw` against stand-ins
 * to learn the height it asks Plot for, so the server HTML and the loading
 * figure reserve the chart's space and the page does not jump when it draws.
 *
 * At build time `drawOnServer` draws a figure into the HTML with the same
 * marks (server.ts: Plot's `document` option on linkedom), stamped with the
 * signature of what it shows (`chartSignature`): a browser whose numbers
 * give the same signature keeps that picture and loads Plot only later.
 */
type Plot = typeof PlotModule;

let loaded: Plot | undefined;
let loading: Promise<Plot> | undefined;
/** Set while probeHeight runs a draw function; Plot's functions are stand-ins then. */
let probe: { extra: number } | undefined;
/** Set while traceDraw runs a draw function; Plot's functions are stand-ins then, even once Plot has loaded. */
let tracing = false;
/** Set while traceDraw runs for a signature: receives what the draw handed to Plot.plot. */
let traced: ((options: unknown) => void) | undefined;

/** At build time (the server render): Plot and linkedom's document. Never in a browser bundle (a constant false there). */
const server = import.meta.env.SSR ? await import('./server.ts').then((m) => m.serverPlot()) : undefined;
/** Set while drawOnServer runs a draw function: Plot's functions draw into the server's document then. */
let drawing: typeof server;
/** Charts drawn on the server so far: a prefix for each one's ids. */
let serverCharts = 0;

/** Starts loading Observable Plot (once); resolves with the module. */
export function loadPlot(): Promise<Plot> {
  loading ??= import('./marks.ts').then((m) => {
    loaded = m;
    return m;
  });
  // A failed fetch (offline, a redeploy) may be retried by the next call.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** True once Observable Plot has loaded: `Plot.*` may be called. */
export function plotLoaded(): boolean {
  return loaded !== undefined;
}

/** Height of a swatch legend above a chart (`color`/`symbol: { legend: true }`; 33 px and the gap below it) and of a colour ramp, as Plot draws them at 12 px. */
export const LEGEND_HEIGHT = { swatches: 38, ramp: 50 } as const;

class HeightFound {
  constructor(readonly height: number) {}
}

/** What the stand-ins do while probing: Plot.plot reports its height; a legend adds its own; marks are inert. */
function standIn(name: string): unknown {
  if (name === 'plot') {
    return (options: { height?: number; color?: { legend?: boolean }; symbol?: { legend?: boolean } } = {}) => {
      const swatchRows = (options.color?.legend ? 1 : 0) + (options.symbol?.legend ? 1 : 0);
      const legend = swatchRows * LEGEND_HEIGHT.swatches;
      throw new HeightFound((options.height ?? 0) + legend + (probe?.extra ?? 0));
    };
  }
  if (name === 'legend') {
    return () => {
      if (probe) probe.extra += LEGEND_HEIGHT.ramp;
      return undefined;
    };
  }
  return () => undefined;
}

/**
 * The namespace chart builders draw with. Reading a function before Plot has
 * loaded is a programming error (a draw called outside PlotFigure), and says so.
 */
export const Plot: Plot = new Proxy({} as Plot, {
  get(_target, name) {
    if (tracing && typeof name === 'string') return traceStandIn(name);
    if (probe && typeof name === 'string') return standIn(name);
    if (drawing) return serverFunction(drawing, name as keyof Plot);
    if (loaded) return loaded[name as keyof Plot];
    throw new Error(
      `Observable Plot is not loaded yet (Plot.${String(name)}): charts draw inside PlotFigure, which loads it first`,
    );
  },
});

/**
 * The pixel height `draw(width)` will ask Plot for, found without Plot: the
 * stand-ins stop the draw at `Plot.plot(options)` and report
 * `options.height` (plus its legends). Undefined when the draw does
 * something the stand-ins cannot answer or gives no height.
 */
export function probeHeight(draw: (width: number) => unknown, width: number): number | undefined {
  probe = { extra: 0 };
  try {
    draw(width);
    return undefined;
  } catch (e) {
    return e instanceof HeightFound && e.height > 0 ? e.height : undefined;
  } finally {
    probe = undefined;
  }
}

class DrawReached {}

/** Reads a chart's data the way Plot will (arrays, their rows, the rows' fields), so reactive proxies are tracked. */
function touch(value: unknown, depth: number): void {
  if (depth === 0 || value === null || typeof value !== 'object') return;
  if (typeof Node !== 'undefined' && value instanceof Node) return;
  if (Array.isArray(value)) {
    for (const item of value) touch(item, depth - 1);
    return;
  }
  for (const key of Object.keys(value)) touch((value as Record<string, unknown>)[key], depth - 1);
}

/** Trace stand-ins: marks hand back what they were given, Plot.plot reads it all and stops the draw. */
function traceStandIn(name: string): unknown {
  if (name === 'plot') {
    return (options: unknown) => {
      touch(options, 6);
      traced?.(options);
      throw new DrawReached();
    };
  }
  if (name === 'legend') return () => undefined;
  return (...args: unknown[]) => args;
}

/**
 * Runs `draw(width)` up to its `Plot.plot(options)` call without drawing
 * anything, reading the options and the marks' data on the way. Called
 * inside an effect, it subscribes the effect to everything the chart shows,
 * at a fraction of a draw's cost, so the real draw can run later. False
 * when the draw never reached Plot.plot (it draws by other means, or threw):
 * the caller should then draw at once, tracked.
 */
export function traceDraw(draw: (width: number) => unknown, width: number): boolean {
  tracing = true;
  try {
    draw(width);
    return false;
  } catch (e) {
    return e instanceof DrawReached;
  } finally {
    tracing = false;
  }
}

/**
 * The signature of what `draw(width)` shows (signature.ts), found without
 * Plot as traceDraw finds it (and, inside an effect, tracked as it is).
 * Undefined when the draw never reached Plot.plot.
 */
export function chartSignature(draw: (width: number) => unknown, width: number): string | undefined {
  let options: unknown;
  traced = (o) => {
    options = o;
  };
  try {
    return traceDraw(draw, width) ? signatureOf(options) : undefined;
  } finally {
    traced = undefined;
  }
}

/** The attribute that carries a server-drawn chart's signature in the HTML. */
export const SIGNATURE_ATTRIBUTE = 'data-chart-signature';

/**
 * At build time: `draw(width)` drawn by Plot into the server's document, as
 * HTML (aria-hidden, without Plot's inline <style>, stamped with its
 * signature). Undefined in a browser, or when the draw fails on the server.
 */
export function drawOnServer(draw: (width: number) => SVGSVGElement | HTMLElement, width: number): string | undefined {
  if (!server) return undefined;
  const signature = chartSignature(draw, width);
  if (signature === undefined) return undefined;
  drawing = server;
  try {
    const chart = draw(width);
    chart.setAttribute('aria-hidden', 'true');
    chart.setAttribute(SIGNATURE_ATTRIBUTE, signature);
    for (const style of chart.querySelectorAll('style')) style.remove();
    return withOwnIds(chart, `ssr${++serverCharts}-`);
  } catch {
    return undefined;
  } finally {
    drawing = undefined;
  }
}

/**
 * The chart's HTML with its ids (a marker's, a clip path's) and the references to them prefixed: the browser's
 * Plot numbers its ids from 1 again, and a chart it draws must not point at a server-drawn one's marker.
 */
function withOwnIds(chart: Element, prefix: string): string {
  let html = chart.outerHTML;
  for (const el of chart.querySelectorAll('[id]')) {
    const id = el.getAttribute('id') as string;
    html = html
      .replaceAll(`id="${id}"`, `id="${prefix}${id}"`)
      .replaceAll(`#${id})`, `#${prefix}${id})`)
      .replaceAll(`href="#${id}"`, `href="#${prefix}${id}"`);
  }
  return html;
}

/** Plot's function `name` for the server render: plot and legend draw into the server's document. */
function serverFunction(at: NonNullable<typeof server>, name: keyof Plot): unknown {
  if (name === 'plot') return (options: PlotOptions = {}) => at.module.plot({ ...options, document: at.document });
  if (name === 'legend')
    return (options: Parameters<Plot['legend']>[0] = {}) =>
      at.module.legend({ ...options, document: at.document } as Parameters<Plot['legend']>[0]);
  return at.module[name];
}

/** The document a chart builder creates its own elements in (a figure around a chart): the server's while it draws. */
export function chartDocument(): Document {
  return drawing?.document ?? document;
}
