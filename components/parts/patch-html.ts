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

/**
 * Keeps an element's content equal to the HTML `html()` returns, patching it in place on each change (see
 * patchChildren). The first run leaves the server's rendering alone when `keepFirst` says so (KaTeX still
 * loading), as a hydrating `{@html}` does; render the first value with `{@html}` so the server sends it.
 * `after` runs after each patch (to re-apply classes the page sets on the patched nodes).
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
  return (el) => {
    const value = html();
    const skip = first && keepFirst(value);
    first = false;
    if (skip || value === shown) return;
    shown = value;
    const template = document.createElement('template');
    template.innerHTML = value;
    patchChildren(el, template.content);
    after?.();
  };
}
