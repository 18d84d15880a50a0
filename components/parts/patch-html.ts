import type { Attachment } from 'svelte/attachments';

/**
 * Makes `target`'s children equal to `source`'s, reusing every node whose kind and tag still match: changed
 * text and attributes are written in place, only mismatched subtrees are replaced. Consumes `source`.
 * The result is the DOM `innerHTML` would give, but the browser restyles and lays out only what changed
 * (a KaTeX line whose numbers moved: a few text nodes instead of ~350 new elements, profiled on /gru/).
 */
export function patchChildren(target: Node, source: Node): void {
  let t = target.firstChild;
  for (let s = source.firstChild; s !== null; ) {
    const next = s.nextSibling;
    if (t === null) target.appendChild(s);
    else if (t.nodeType === s.nodeType && t.nodeName === s.nodeName) {
      patchNode(t, s);
      t = t.nextSibling;
    } else {
      const after = t.nextSibling;
      target.replaceChild(s, t);
      t = after;
    }
    s = next;
  }
  while (t !== null) {
    const after: ChildNode | null = t.nextSibling;
    target.removeChild(t);
    t = after;
  }
}

function patchNode(t: Node, s: Node): void {
  if (s.nodeType !== Node.ELEMENT_NODE) {
    if (t.nodeValue !== s.nodeValue) t.nodeValue = s.nodeValue;
    return;
  }
  const from = (s as Element).attributes;
  const to = t as Element;
  // Indexed reads, no arrays: this runs for every element of a line on every edit.
  for (let k = 0; k < from.length; k++) {
    const a = from[k] as Attr;
    if (to.getAttribute(a.name) !== a.value) to.setAttribute(a.name, a.value);
  }
  // Every source attribute is now on the target: more there means some are stale.
  if (to.attributes.length > from.length) {
    for (let k = to.attributes.length - 1; k >= 0; k--) {
      const name = (to.attributes[k] as Attr).name;
      if (!(s as Element).hasAttribute(name)) to.removeAttribute(name);
    }
  }
  patchChildren(t, s);
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#x27': "'",
  '#39': "'",
  nbsp: '\u00a0',
};

/** Markup as a list of tags (`<…>`) and the text between them, empty text left out. */
export function htmlTokens(html: string): string[] {
  return html.split(/(<[^>]*>)/).filter((t) => t !== '');
}

/** Text with the entities KaTeX writes decoded; undefined for any other entity (the caller parses instead). */
function decode(text: string): string | undefined {
  if (!text.includes('&')) return text;
  let known = true;
  const out = text.replace(/&([#\w]+);/g, (whole, name: string) => {
    const c = ENTITIES[name];
    if (c === undefined) known = false;
    return c ?? whole;
  });
  return known ? out : undefined;
}

const tagName = (tag: string) => /^<\/?([^\s/>]+)/.exec(tag)?.[1]?.toLowerCase() ?? '';

/** A start tag's attributes, values decoded; undefined when one cannot be read simply (the caller parses instead). */
function attributes(tag: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  const body = tag.replace(/^<[^\s/>]+/, '').replace(/\/?>$/, '');
  const re = /\s*([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/gy;
  let at = 0;
  for (let m = re.exec(body); m !== null && m[0] !== ''; m = re.exec(body)) {
    const value = decode(m[2] ?? m[3] ?? m[4] ?? '');
    if (value === undefined) return undefined;
    out.set((m[1] as string).toLowerCase(), value);
    at = re.lastIndex;
  }
  return body.slice(at).trim() === '' ? out : undefined;
}

/**
 * The node each token of `tokens` made inside `el` (a start tag its element, text its text node, an end tag
 * null), checked against the DOM: undefined when they do not line up one to one (markup the parser rearranges).
 */
function nodesOf(el: Element, tokens: readonly string[]): (Node | null)[] | undefined {
  const walker = document.createTreeWalker(
    el,
    NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT | NodeFilter.SHOW_COMMENT,
  );
  const nodes: (Node | null)[] = [];
  for (const token of tokens) {
    if (token.startsWith('</')) {
      nodes.push(null);
      continue;
    }
    const node = walker.nextNode();
    if (node === null) return undefined;
    if (token.startsWith('<')) {
      if (node.nodeType !== Node.ELEMENT_NODE || (node as Element).localName.toLowerCase() !== tagName(token))
        return undefined;
    } else if (node.nodeType !== Node.TEXT_NODE || node.nodeValue !== decode(token)) return undefined;
    nodes.push(node);
  }
  return walker.nextNode() === null ? nodes : undefined;
}

/**
 * Writes the tokens of `next` that differ from `shown` into their nodes, when both have the same shape (same tags
 * in the same places: a formula whose numbers moved); false, having perhaps written some, when they do not.
 */
function patchTokens(nodes: readonly (Node | null)[], shown: readonly string[], next: readonly string[]): boolean {
  if (next.length !== shown.length) return false;
  for (let k = 0; k < next.length; k++) {
    const a = shown[k] as string;
    const b = next[k] as string;
    if (a === b) continue;
    const node = nodes[k];
    if (!b.startsWith('<')) {
      const text = decode(b);
      if (a.startsWith('<') || node == null || text === undefined) return false;
      node.nodeValue = text;
      continue;
    }
    if (b.startsWith('</') || !a.startsWith('<') || a.startsWith('</') || tagName(a) !== tagName(b)) return false;
    if (a.endsWith('/>') !== b.endsWith('/>')) return false;
    const from = attributes(b);
    const before = attributes(a);
    if (from === undefined || before === undefined || node == null) return false;
    const el = node as Element;
    for (const [name, value] of from) if (before.get(name) !== value) el.setAttribute(name, value);
    for (const name of before.keys()) if (!from.has(name)) el.removeAttribute(name);
  }
  return true;
}

/**
 * Keeps an element's content equal to the HTML `html()` returns, patching it in place on each change. When the new
 * markup has the shape of the one shown (same tags in the same order: a formula line whose numbers moved), only the
 * text and attributes that differ are written, found by comparing the two strings token by token: no parse and no
 * walk of the line's ~350 nodes (~9 ms of a GRU edit's main-thread work on a loaded machine, profiled). Otherwise
 * the markup is parsed and patched in (patchChildren). The first run leaves the server's rendering alone when
 * `keepFirst` says so (KaTeX still loading), as a hydrating `{@html}` does; render the first value with `{@html}` so
 * the server sends it. `after` runs after each patch (to re-apply classes the page sets on the patched nodes).
 */
export function patchedHtml(
  html: () => string,
  keepFirst: (html: string) => boolean,
  after?: () => void,
): Attachment<HTMLElement> {
  let first = true;
  /** The HTML the element shows now: an edit that leaves this line's HTML as it was (the symbolic line, a formula
   * whose numbers did not move) costs a string comparison, not a parse and a walk of ~350 nodes. */
  let shown: string | undefined;
  /** `shown` as tokens and the node each made, once patched in; undefined when the markup is not known or mapped. */
  let map: { tokens: string[]; nodes: (Node | null)[] } | undefined;
  return (el) => {
    const value = html();
    const skip = first && keepFirst(value);
    first = false;
    if (skip || value === shown) return;
    shown = value;
    const tokens = htmlTokens(value);
    if (map === undefined || !patchTokens(map.nodes, map.tokens, tokens)) {
      const template = document.createElement('template');
      template.innerHTML = value;
      patchChildren(el, template.content);
      const nodes = nodesOf(el, tokens);
      map = nodes === undefined ? undefined : { tokens, nodes };
    } else map.tokens = tokens;
    after?.();
  };
}
