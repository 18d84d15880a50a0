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
  if (!(t instanceof Element && s instanceof Element)) {
    if (t.nodeValue !== s.nodeValue) t.nodeValue = s.nodeValue;
    return;
  }
  for (const a of Array.from(t.attributes)) if (!s.hasAttribute(a.name)) t.removeAttribute(a.name);
  for (const a of Array.from(s.attributes)) if (t.getAttribute(a.name) !== a.value) t.setAttribute(a.name, a.value);
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
  return (el) => {
    const value = html();
    const skip = first && keepFirst(value);
    first = false;
    if (skip) return;
    const template = document.createElement('template');
    template.innerHTML = value;
    patchChildren(el, template.content);
    after?.();
  };
}
