import { katexLoader } from './katex-loader.svelte.ts';

// The server (the build, and Node tests) renders formulas synchronously: KaTeX is loaded before any render.
// In the browser it loads lazily (katex-loader.svelte.ts) and the server's HTML stays on screen meanwhile.
if (typeof document === 'undefined') await katexLoader.load();

/**
 * What `renderTex` gives while KaTeX is still loading in the browser: a
 * non-empty stand-in, so a hydrating `{@html}` keeps the server's rendering
 * (Svelte keeps server HTML it does not recognise) and a fresh one shows an
 * empty span until the real formula replaces it.
 */
export const TEX_PENDING_HTML = '<span class="tex-pending"></span>';

export interface RenderedTex {
  html: string;
  error?: string;
  /** True while KaTeX is loading: `html` is TEX_PENDING_HTML. */
  pending?: boolean;
}

/**
 * KaTeX may run only one trusted command: `\htmlData`, which binds a symbol
 * in a formula to its live value (data-symbol, data-value). Links, classes,
 * styles and ids stay off, so a formula can never inject markup.
 */
const trustHtmlDataOnly = (context: { command: string }) => context.command === '\\htmlData';

/**
 * KaTeX output by display mode and TeX, least recently used first. A widget update re-renders every formula
 * it shows, but an edit changes few of them (symbol chips, the general line): those cost a lookup, not KaTeX
 * (~2 ms per GRU edit, profiled). Output depends only on the TeX and the mode, so a hit is always current.
 */
const rendered = new Map<string, RenderedTex>();
const RENDER_CACHE_SIZE = 400;

/**
 * Renders TeX to HTML, or returns the KaTeX error message instead of throwing.
 * In the browser before KaTeX has loaded it returns the pending stand-in; read
 * inside a component it re-renders by itself once KaTeX is there.
 */
export function renderTex(tex: string, displayMode = false): RenderedTex {
  const katex = katexLoader.module;
  if (katex === undefined) {
    const failure = katexLoader.failure;
    return failure === undefined
      ? { html: TEX_PENDING_HTML, pending: true }
      : { html: '', error: `KaTeX did not load (${failure})` };
  }
  const key = `${displayMode ? 'D' : 'I'}${tex}`;
  const hit = rendered.get(key);
  if (hit !== undefined) {
    // Re-inserted so the map's order stays least recently used first.
    rendered.delete(key);
    rendered.set(key, hit);
    return hit;
  }
  let out: RenderedTex;
  try {
    out = {
      html: katex.renderToString(tex, {
        displayMode,
        throwOnError: true,
        trust: trustHtmlDataOnly,
        strict: 'ignore',
        output: 'htmlAndMathml',
      }),
    };
  } catch (e) {
    out = { html: '', error: e instanceof Error ? e.message : String(e) };
  }
  rendered.set(key, out);
  if (rendered.size > RENDER_CACHE_SIZE) rendered.delete(rendered.keys().next().value as string);
  return out;
}

/** Wraps `body` so the rendered element carries data-symbol and data-value. */
export function texBind(symbol: string, value: number, body: string): string {
  // Commas, equals signs, braces and backslashes would break \htmlData's key=value list.
  const safeSymbol = symbol.replace(/[,={}\\\s]/g, '_');
  return `\\htmlData{symbol=${safeSymbol}, value=${Number.isFinite(value) ? value : String(value)}}{${body}}`;
}
