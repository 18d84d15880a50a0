import katex from 'katex';

/**
 * KaTeX may run only one trusted command: `\htmlData`, which binds a symbol
 * in a formula to its live value (data-symbol, data-value). Links, classes,
 * styles and ids stay off, so a formula can never inject markup.
 */
const trustHtmlDataOnly = (context: { command: string }) => context.command === '\\htmlData';

/** Renders TeX to HTML, or returns the KaTeX error message instead of throwing. */
export function renderTex(tex: string, displayMode = false): { html: string; error?: string } {
  try {
    return {
      html: katex.renderToString(tex, {
        displayMode,
        throwOnError: true,
        trust: trustHtmlDataOnly,
        strict: 'ignore',
        output: 'htmlAndMathml',
      }),
    };
  } catch (e) {
    return { html: '', error: e instanceof Error ? e.message : String(e) };
  }
}

/** Wraps `body` so the rendered element carries data-symbol and data-value. */
export function texBind(symbol: string, value: number, body: string): string {
  // Commas, equals signs, braces and backslashes would break \htmlData's key=value list.
  const safeSymbol = symbol.replace(/[,={}\\\s]/g, '_');
  return `\\htmlData{symbol=${safeSymbol}, value=${Number.isFinite(value) ? value : String(value)}}{${body}}`;
}
