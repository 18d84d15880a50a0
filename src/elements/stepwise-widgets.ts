/**
 * <stepwise-widget name="lstm-cell" state="…">: any portable Stepwise widget
 * in any HTML page (reveal.js, Slidev, Quarto, plain HTML), without an
 * iframe. One script file, built by vite.elements.config.ts:
 *
 *     <script type="module" src="/elements/stepwise-widgets.js"></script>
 *     <stepwise-widget name="softmax" state="eyJ0IjoyfQ" theme="dark" fit style="height: 520px"></stepwise-widget>
 *
 * Attributes: `name` (a registry id), `state` (the `#w-<id>=` code of a
 * Share link, or the state as JSON), `theme` (light | dark | auto), `fit`
 * (scale the widget to the element's box), `present` (presentation mode:
 * larger type, stronger contrast; without `fit` the widget keeps that size
 * and scrolls inside the element's box), `lang` (the widget's language when
 * the catalog has it, else the page's; an ancestor's lang counts too: one
 * language per document). Methods: next(), prev(),
 * step(by), reset(), setState(partial) → boolean (validated; a bad state
 * changes nothing). Events: `stepwise-ready` and `stepwise-state`, with
 * detail { widget, state, code }. Parts a deck's CSS may style with ::part():
 * `head` (the widget's title row, Share and Reset) and `tabs` (its view tabs).
 *
 * Each widget is a chunk of its own (portable-components.ts), loaded when
 * the element comes on screen or once the page has loaded and is idle,
 * whichever is first: a deck fetches no widget before its title slide is
 * shown. Until the widget has mounted, the methods do nothing (they return
 * false); `stepwise-ready` says when it is there.
 *
 * The widget lives in a shadow root: the page's CSS cannot reach it and its
 * CSS cannot leak out. Stylesheets are adopted (constructable), which also
 * works under a strict style-src policy; KaTeX's fonts are registered on the
 * document (fonts declared inside a shadow root are ignored by browsers) from
 * the fonts/ folder next to this script.
 */
import { mount, unmount } from 'svelte';
import { keepFitted } from '~lib/embed/fit.ts';
import { useLocale } from '~lib/i18n/locale.ts';
import { m } from '~lib/i18n/messages.ts';
import { whenBrowserIdle } from '~lib/ui/after-paint.ts';
import { paramName, toBase64Url } from '~lib/url/state.ts';
import { widgetById } from '~components/widgets/registry.ts';
import { EmbedController, memoryHash } from './host.svelte.ts';
import { forwardStepKeys } from './keys.ts';
import { handleMessage, type OutboundMessage } from './messages.ts';
import { portableComponents } from './portable-components.ts';
import WidgetHost from './WidgetHost.svelte';

/** Filled in by the build (vite.elements.config.ts): the widgets' CSS, KaTeX's and the site tokens'. */
declare const __STEPWISE_CSS__: string;
declare const __KATEX_FONTS__: readonly { family: string; file: string; weight: string; style: string }[];

let sheet: CSSStyleSheet | undefined;
function styles(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(__STEPWISE_CSS__);
  }
  return sheet;
}

let fontsAdded = false;
function addKatexFonts(): void {
  if (fontsAdded) return;
  fontsAdded = true;
  // Through a variable: bundlers rewrite `new URL(…, import.meta.url)`, and these files sit beside the script.
  const script = import.meta.url;
  for (const f of __KATEX_FONTS__) {
    const url = new URL(`fonts/${f.file}`, script).href;
    const face = new FontFace(f.family, `url(${url}) format("woff2")`, { weight: f.weight, style: f.style });
    document.fonts.add(face);
  }
}

/** A `state` attribute: a Share link's code (base64url) or plain JSON. */
function stateCode(value: string | null): string {
  const text = (value ?? '').trim();
  if (text === '') return '';
  return text.startsWith('{') ? toBase64Url(text) : text;
}

export class StepwiseWidget extends HTMLElement {
  static observedAttributes = ['name', 'state', 'theme', 'fit', 'present', 'lang'];
  #controller: EmbedController | undefined;
  #app: Record<string, unknown> | undefined;
  #box: HTMLElement | undefined;
  #stage: HTMLElement | undefined;
  #stopFit: (() => void) | undefined;
  #stopKeys: (() => void) | undefined;
  #stopWaiting: (() => void) | undefined;

  connectedCallback(): void {
    this.#render();
  }

  disconnectedCallback(): void {
    this.#teardown();
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (!this.isConnected || old === value) return;
    if (name === 'state' && this.#controller) this.#controller.setCode(stateCode(value));
    else if (name === 'theme') this.#theme();
    else if (name === 'name' || name === 'fit' || name === 'present' || name === 'lang') this.#render();
  }

  /** The widget's whole state (every field of its link state). */
  get state(): Record<string, unknown> {
    return this.#controller?.state() ?? {};
  }

  /** The `#w-<id>=` code of the current state. */
  get code(): string {
    return this.#controller?.code ?? '';
  }

  /** Merges `partial` into the state when every field passes the widget's schema; false (and a warning) otherwise. */
  setState(partial: Record<string, unknown>): boolean {
    return this.#controller ? handleMessage(this.#controller, { type: 'stepwise:set', state: partial }) : false;
  }

  step(by = 1): boolean {
    return this.#controller?.step(by) ?? false;
  }

  next(): boolean {
    return this.step(1);
  }

  prev(): boolean {
    return this.step(-1);
  }

  reset(): void {
    this.#controller?.reset();
  }

  #theme(): void {
    const t = this.getAttribute('theme');
    const dark = t === 'dark' || (t === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
    this.#box?.setAttribute('data-theme', dark ? 'dark' : 'light');
  }

  #render(): void {
    this.#teardown();
    const id = this.getAttribute('name') ?? '';
    const entry = widgetById(id);
    const load = portableComponents[id];
    // The element's language (its own lang, or the nearest ancestor's) when the catalog has it; one language per
    // document: the last element rendered chooses it for all (see src/lib/i18n/locale.ts).
    const locale = useLocale(this.closest('[lang]')?.getAttribute('lang'));
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styles()];
    root.replaceChildren();
    if (!entry || !load) {
      const p = document.createElement('p');
      p.className = 'unknown';
      // A registered widget that needs the site (a worker, weights files) still embeds, through its iframe page.
      p.lang = locale;
      p.textContent = entry ? m.embed_element_needs_site({ id }) : m.embed_element_unknown({ id });
      root.append(p);
      console.warn(
        `<stepwise-widget>: no portable widget named "${id}"${entry ? ` (embed /embed/${id}/ instead)` : ''}`,
      );
      return;
    }
    addKatexFonts();
    const fit = this.hasAttribute('fit');
    const present = this.hasAttribute('present');
    this.#box = document.createElement('div');
    this.#box.className = ['stepwise-box', fit ? 'fit' : '', present ? 'present' : ''].join(' ').trim();
    this.#box.lang = locale;
    // A presented widget that scrolls in its box must be reachable from the keyboard to scroll.
    if (present && !fit) this.#box.tabIndex = 0;
    this.#stage = document.createElement('div');
    this.#stage.className = 'stepwise-stage';
    this.#box.append(this.#stage);
    root.append(this.#box);
    this.#theme();

    const store = memoryHash(`#${paramName(id)}=${stateCode(this.getAttribute('state'))}`);
    const announce = (m: OutboundMessage) => {
      const type = m.type === 'stepwise:ready' ? 'stepwise-ready' : 'stepwise-state';
      this.dispatchEvent(new CustomEvent(type, { detail: { widget: m.widget, state: m.state, code: m.code } }));
    };
    const controller = new EmbedController(entry, store, announce);
    this.#controller = controller;
    const stage = this.#stage;
    this.#stopWaiting = whenWanted(this, () => {
      load().then(
        ({ default: widget }) => {
          // Rendered again (a new name, fit or lang) or removed while the chunk was on its way: not this one's.
          if (this.#controller !== controller) return;
          this.#app = mount(WidgetHost, { target: stage, props: { controller, widget } });
        },
        (e: unknown) => console.warn(`<stepwise-widget>: the widget "${id}" did not load`, e),
      );
    });

    // Keys that reach the element while nothing inside has focus step the widget; keys the widget used stay here
    // (a deck's own ← → must not also change the slide).
    const box = this.#box;
    this.#stopKeys = forwardStepKeys(this, () => stage.querySelector<HTMLElement>('[data-widget]'));
    this.addEventListener('keydown', stopHandled);
    if (fit) this.#stopFit = keepFitted(box, stage, { maxScale: present ? 3 : 1.5, maxWidth: 1280 });
  }

  #teardown(): void {
    this.#stopWaiting?.();
    this.#stopWaiting = undefined;
    if (this.#app) void unmount(this.#app);
    this.#app = undefined;
    this.#controller = undefined;
    this.#stopFit?.();
    this.#stopKeys?.();
    this.removeEventListener('keydown', stopHandled);
  }
}

/**
 * Runs `fn` once `el` is on screen (intersecting the viewport and not hidden: a deck's later slides are hidden
 * or moved off screen) or once the page has loaded and the main thread is idle, whichever comes first. Returns a
 * cancel function.
 */
function whenWanted(el: HTMLElement, fn: () => void): () => void {
  let done = false;
  let stopIdle = () => {};
  const run = () => {
    if (done) return;
    cancel();
    fn();
  };
  const shown = new IntersectionObserver((entries) => {
    if (
      entries.some((e) => e.isIntersecting) &&
      el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    )
      run();
  });
  shown.observe(el);
  const onLoad = () => {
    stopIdle = whenBrowserIdle(run, 2000);
  };
  if (document.readyState === 'complete') onLoad();
  else addEventListener('load', onLoad, { once: true });
  function cancel() {
    done = true;
    shown.disconnect();
    removeEventListener('load', onLoad);
    stopIdle();
  }
  return cancel;
}

function stopHandled(e: Event): void {
  if (e.defaultPrevented) e.stopPropagation();
}

if (!customElements.get('stepwise-widget')) customElements.define('stepwise-widget', StepwiseWidget);
