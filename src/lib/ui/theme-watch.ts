/**
 * Calls `onChange` whenever the colours in force at `el` may have changed: the theme (`data-theme`) or the
 * presentation mode (`class="present"`) on the page's root, or on the box of a <stepwise-widget> element, which
 * carries both inside its shadow root. For what CSS cannot restyle by itself, such as a canvas's pixels.
 * Returns a stop.
 */
export function watchTheme(el: Element, onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  const watched = new Set<Element>([document.documentElement]);
  const box = el.closest('[data-theme]');
  if (box !== null) watched.add(box);
  for (const target of watched)
    observer.observe(target, { attributes: true, attributeFilter: ['data-theme', 'class'] });
  return () => observer.disconnect();
}
