/**
 * Saving a widget's current view as an image, with no request leaving the
 * page: the widget's DOM is cloned into an SVG <foreignObject> together with
 * the page's own stylesheets (read from the CSSOM), the theme's resolved
 * colours inlined on the root, the live values of inputs and canvases baked
 * in, and the KaTeX fonts the view uses embedded as data URLs. The PNG is that
 * SVG drawn onto a canvas at twice the pixel density.
 */

/** Theme tokens the widgets read (src/styles/global.css). */
const themeTokens = [
  '--font-body',
  '--font-ui',
  '--font-mono',
  '--bg',
  '--bg-raised',
  '--bg-sunken',
  '--text',
  '--text-muted',
  '--border',
  '--accent',
  '--accent-contrast',
  '--accent-soft',
  '--focus',
  '--warn-bg',
  '--warn-text',
  '--error-bg',
  '--error-text',
  '--neg',
  '--pos',
  '--radius',
];

/** Every CSS rule the page can read (its own stylesheets; none are cross-origin). */
function pageCss(doc: Document): string {
  const out: string[] = [];
  for (const sheet of Array.from(doc.styleSheets)) {
    try {
      for (const rule of Array.from(sheet.cssRules)) if (!(rule instanceof CSSFontFaceRule)) out.push(rule.cssText);
    } catch {
      // A stylesheet from another origin cannot be read; the site has none.
    }
  }
  return out.join('\n');
}

/** The font families an element tree renders with (the first family of each element). */
function usedFamilies(root: Element): Set<string> {
  const families = new Set<string>();
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    const first = getComputedStyle(el)
      .fontFamily.split(',')[0]
      ?.trim()
      .replace(/^["']|["']$/g, '');
    if (first) families.add(first);
  }
  return families;
}

async function asDataUrl(url: string): Promise<string> {
  if (url.startsWith('data:')) return url;
  const blob = await (await fetch(url)).blob();
  return await new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** @font-face rules for the families used, each with its woff2 source embedded. */
async function embeddedFonts(doc: Document, families: Set<string>): Promise<string> {
  const rules: string[] = [];
  for (const sheet of Array.from(doc.styleSheets)) {
    let list: CSSRule[] = [];
    try {
      list = Array.from(sheet.cssRules);
    } catch {
      continue;
    }
    for (const rule of list) {
      if (!(rule instanceof CSSFontFaceRule)) continue;
      const family = rule.style
        .getPropertyValue('font-family')
        .trim()
        .replace(/^["']|["']$/g, '');
      if (!families.has(family)) continue;
      const src = rule.style.getPropertyValue('src');
      const woff2 = /url\(["']?([^"')]+)["']?\)\s*format\(["']?woff2/.exec(src)?.[1];
      if (!woff2) continue;
      try {
        const data = await asDataUrl(new URL(woff2, sheet.href ?? doc.baseURI).href);
        const weight = rule.style.getPropertyValue('font-weight') || 'normal';
        const style = rule.style.getPropertyValue('font-style') || 'normal';
        rules.push(
          `@font-face{font-family:"${family}";src:url(${data}) format("woff2");font-weight:${weight};font-style:${style}}`,
        );
      } catch {
        // Without the font the text falls back to a system face; the numbers stay readable.
      }
    }
  }
  return rules.join('\n');
}

/** Copies what the DOM does not serialise: input values, checkbox states, canvas pixels. */
function bakeLiveState(source: Element, clone: Element): void {
  const src = [source, ...Array.from(source.querySelectorAll('*'))];
  const dst = [clone, ...Array.from(clone.querySelectorAll('*'))];
  src.forEach((el, i) => {
    const copy = dst[i];
    if (!copy) return;
    if (el instanceof HTMLInputElement) {
      copy.setAttribute('value', el.value);
      if (el.checked) copy.setAttribute('checked', '');
    } else if (el instanceof HTMLSelectElement) {
      for (const [k, option] of Array.from(el.options).entries()) {
        if (option.selected) copy.querySelectorAll('option')[k]?.setAttribute('selected', '');
      }
    } else if (el instanceof HTMLTextAreaElement) {
      copy.textContent = el.value;
    } else if (el instanceof HTMLCanvasElement) {
      const img = document.createElement('img');
      img.src = el.toDataURL('image/png');
      img.width = el.clientWidth;
      img.height = el.clientHeight;
      img.setAttribute(
        'style',
        getComputedStyle(el).cssText || `width:${el.clientWidth}px;height:${el.clientHeight}px`,
      );
      copy.replaceWith(img);
    }
  });
  for (const skip of Array.from(clone.querySelectorAll('[data-export="skip"]'))) skip.remove();
}

/** The widget `frame` (its [data-widget] root) as a standalone SVG document. */
export async function widgetSvg(frame: HTMLElement): Promise<{ svg: string; width: number; height: number }> {
  const doc = frame.ownerDocument;
  const rect = frame.getBoundingClientRect();
  const width = Math.ceil(rect.width);
  const height = Math.ceil(rect.height);
  const clone = frame.cloneNode(true) as HTMLElement;
  bakeLiveState(frame, clone);
  const rootStyle = getComputedStyle(doc.documentElement);
  const vars = themeTokens.map((t) => `${t}:${rootStyle.getPropertyValue(t)}`).join(';');
  const frameStyle = getComputedStyle(frame);
  clone.setAttribute(
    'style',
    `${vars};margin:0;width:${width}px;color:${frameStyle.color};background:${frameStyle.backgroundColor};` +
      `font-family:${frameStyle.fontFamily};font-size:${frameStyle.fontSize};line-height:${getComputedStyle(doc.body).lineHeight}`,
  );
  const fonts = await embeddedFonts(doc, usedFamilies(frame));
  const css = `${fonts}\n${pageCss(doc)}`;
  const body = new XMLSerializer().serializeToString(clone);
  const theme = doc.documentElement.dataset.theme ?? 'light';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<foreignObject x="0" y="0" width="${width}" height="${height}">` +
    `<div xmlns="http://www.w3.org/1999/xhtml" data-theme="${theme}"><style>${escapeCss(css)}</style>${body}</div>` +
    '</foreignObject></svg>';
  return { svg, width, height };
}

/** CSS inside XML: only `<` and `&` need care (in strings and selectors). */
function escapeCss(css: string): string {
  return css.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** The widget as a PNG, drawn from its SVG at `density` pixels per CSS pixel. */
export async function widgetPng(frame: HTMLElement, density = 2): Promise<Blob> {
  const { svg, width, height } = await widgetSvg(frame);
  const img = new Image();
  img.decoding = 'sync';
  const loaded = new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('the SVG could not be drawn'));
  });
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * density);
  canvas.height = Math.round(height * density);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.scale(density, density);
  ctx.drawImage(img, 0, 0, width, height);
  return await new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be encoded'))), 'image/png'),
  );
}
