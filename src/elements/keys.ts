/** Keys that walk a widget's stepper (its WidgetFrame handles them). */
const stepKeys = new Set(['ArrowLeft', 'ArrowRight', ' ', 'Home', 'End']);

/**
 * In an embed, keys pressed while nothing in the widget has focus (a
 * presenter clicked the slide, or the frame just loaded) go to the widget, so
 * ← → and Space step it. Keys typed into the widget's own controls stay there.
 * Returns a function that stops forwarding.
 */
export function forwardStepKeys(
  target: Document | ShadowRoot | HTMLElement,
  frame: () => HTMLElement | null,
): () => void {
  const onkey = (event: Event) => {
    const e = event as KeyboardEvent;
    const widget = frame();
    if (!widget || !stepKeys.has(e.key) || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const from = e.composedPath()[0];
    if (from instanceof Node && widget.contains(from)) return;
    e.preventDefault();
    widget.dispatchEvent(new KeyboardEvent('keydown', { key: e.key, bubbles: true, cancelable: true }));
  };
  target.addEventListener('keydown', onkey);
  return () => target.removeEventListener('keydown', onkey);
}
