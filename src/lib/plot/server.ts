import { parseHTML } from 'linkedom';
import type * as Marks from './marks.ts';
import { RampCanvas } from './server-canvas.ts';

/**
 * Observable Plot at build time: the same marks the browser loads, drawing
 * into linkedom's document (Plot's `document` option) so a chart's first
 * picture is in the page's HTML. Imported only by the server render
 * (lazy.ts, behind import.meta.env.SSR): linkedom never reaches a browser.
 */
export interface ServerPlot {
  readonly module: typeof Marks;
  readonly document: Document;
}

/**
 * Plot and a document to draw into; the document's canvases are RampCanvas (a colour ramp's key).
 * Plot fixes its half-pixel offset for crisp lines when it loads, from `window.devicePixelRatio` (0.5 at 1, 0 above;
 * 0 without a window): a stand-in window with a ratio of 1 while it loads gives the server's charts the offsets a
 * 1× screen draws with (the visual tests' and most desktops'), so Plot's redraw there moves nothing.
 */
export async function serverPlot(): Promise<ServerPlot> {
  const global = globalThis as { window?: unknown };
  const hadWindow = 'window' in global;
  if (!hadWindow) global.window = { devicePixelRatio: 1 };
  let module: typeof Marks;
  try {
    module = await import('./marks.ts');
  } finally {
    if (!hadWindow) delete global.window;
  }
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const createElement = document.createElement.bind(document);
  document.createElement = ((tag: string, options?: ElementCreationOptions) =>
    tag === 'canvas' ? new RampCanvas() : createElement(tag, options)) as typeof document.createElement;
  return { module, document: document as unknown as Document };
}
