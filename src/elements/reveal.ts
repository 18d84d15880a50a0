/**
 * A reveal.js plugin that ties fragments to Stepwise widgets, so advancing
 * the slides also advances the computation:
 *
 *     <section>
 *       <stepwise-widget name="lstm-cell" fit></stepwise-widget>   (or <iframe data-stepwise src="/embed/lstm-cell/">)
 *       <span class="fragment" data-stepwise-step></span>           → one formula forward (back when hidden)
 *       <span class="fragment" data-stepwise-set='{"t":0.5}'></span> → set these fields (restored when hidden)
 *     </section>
 *
 * A fragment acts on the first widget of its slide, or on the one its
 * `data-stepwise-target` selector names. Custom elements are called
 * directly; iframes get the embed postMessage API (src/elements/messages.ts).
 */

interface RevealEvent extends Event {
  fragment?: HTMLElement;
  fragments?: HTMLElement[];
}

interface RevealDeck {
  on(type: string, listener: (event: RevealEvent) => void): void;
  getCurrentSlide(): HTMLElement | undefined;
  getSlidesElement(): HTMLElement | null;
}

/**
 * Only the current slide can take focus: reveal.js hides the others from
 * screen readers (aria-hidden), so their widgets' controls must not be
 * reachable by Tab either.
 */
function inertAllBut(deck: RevealDeck): void {
  const current = deck.getCurrentSlide();
  for (const s of Array.from(deck.getSlidesElement()?.querySelectorAll('section') ?? [])) {
    s.inert = !(current && (s === current || s.contains(current) || current.contains(s)));
  }
}

interface ElementWidget extends HTMLElement {
  step(by: number): boolean;
  setState(partial: Record<string, unknown>): boolean;
  readonly state: Record<string, unknown>;
}

const widgetSelector = 'stepwise-widget, iframe[data-stepwise]';

/** The latest state each iframe reported (to restore it when a `set` fragment is hidden again). */
const frameStates = new WeakMap<Window, Record<string, unknown>>();

function target(fragment: HTMLElement): HTMLElement | null {
  const slide = fragment.closest('section');
  const selector = fragment.dataset.stepwiseTarget;
  return slide?.querySelector<HTMLElement>(selector ?? widgetSelector) ?? null;
}

/** Frames that said `stepwise:ready`; messages for the others wait (a lazy iframe may still be loading). */
const readyFrames = new WeakSet<Window>();
const waiting = new WeakMap<HTMLIFrameElement, Record<string, unknown>[]>();

function send(frame: HTMLIFrameElement, message: Record<string, unknown>): void {
  const win = frame.contentWindow;
  if (win && readyFrames.has(win)) {
    win.postMessage(message, new URL(frame.src, location.href).origin);
    return;
  }
  waiting.set(frame, [...(waiting.get(frame) ?? []), message]);
}

/** A frame became ready: deliver what waited for it. */
function flushWaiting(source: Window): void {
  readyFrames.add(source);
  for (const frame of Array.from(document.querySelectorAll<HTMLIFrameElement>('iframe[data-stepwise]'))) {
    if (frame.contentWindow !== source) continue;
    const queued = waiting.get(frame) ?? [];
    waiting.delete(frame);
    for (const m of queued) send(frame, m);
  }
}

function step(widget: HTMLElement, by: number): void {
  if (widget instanceof HTMLIFrameElement) send(widget, { type: 'stepwise:step', by });
  else (widget as ElementWidget).step?.(by);
}

function currentState(widget: HTMLElement): Record<string, unknown> | undefined {
  if (widget instanceof HTMLIFrameElement) {
    return widget.contentWindow ? frameStates.get(widget.contentWindow) : undefined;
  }
  return (widget as ElementWidget).state;
}

function setState(widget: HTMLElement, state: Record<string, unknown>): void {
  if (widget instanceof HTMLIFrameElement) send(widget, { type: 'stepwise:set', state });
  else (widget as ElementWidget).setState?.(state);
}

/** Shows (`dir` 1) or hides (−1) one fragment's widget action. */
function apply(fragment: HTMLElement, dir: 1 | -1): void {
  const widget = target(fragment);
  if (!widget) return;
  if (fragment.dataset.stepwiseStep !== undefined) {
    const by = Number(fragment.dataset.stepwiseStep || 1);
    step(widget, (Number.isInteger(by) && by !== 0 ? by : 1) * dir);
  }
  const set = fragment.dataset.stepwiseSet;
  if (set !== undefined) {
    if (dir === 1) {
      const before = currentState(widget);
      if (before) fragment.dataset.stepwiseBefore = JSON.stringify(before);
      setState(widget, JSON.parse(set) as Record<string, unknown>);
    } else if (fragment.dataset.stepwiseBefore) {
      setState(widget, JSON.parse(fragment.dataset.stepwiseBefore) as Record<string, unknown>);
    }
  }
}

function fragmentsOf(e: RevealEvent): HTMLElement[] {
  return e.fragments ?? (e.fragment ? [e.fragment] : []);
}

/** The plugin: `Reveal.initialize({ plugins: [StepwisePlugin] })`. */
export const StepwisePlugin = {
  id: 'stepwise',
  init(deck: RevealDeck): void {
    window.addEventListener('message', (e: MessageEvent) => {
      const data = e.data as { type?: unknown; state?: unknown } | null;
      if (!data || (data.type !== 'stepwise:state' && data.type !== 'stepwise:ready')) return;
      if (e.source && typeof data.state === 'object' && data.state !== null) {
        frameStates.set(e.source as Window, data.state as Record<string, unknown>);
      }
      if (e.source && data.type === 'stepwise:ready') flushWaiting(e.source as Window);
    });
    deck.on('ready', () => inertAllBut(deck));
    deck.on('slidechanged', () => inertAllBut(deck));
    deck.on('fragmentshown', (e) => {
      for (const f of fragmentsOf(e)) apply(f, 1);
    });
    deck.on('fragmenthidden', (e) => {
      for (const f of fragmentsOf(e).reverse()) apply(f, -1);
    });
  },
};
