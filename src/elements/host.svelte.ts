import type { AttachedSync, EmbedContext, StateHost } from '~lib/embed/context.ts';
import { decodeState, encodeState, type Fields, readHashParam, writeHashParam } from '~lib/url/state.ts';
import type { WidgetEntry } from '~components/widgets/registry.ts';
import type { OutboundMessage, WidgetControl } from './messages.ts';

/** A hash kept in memory: the state of a <stepwise-widget>, which must not touch its page's URL. */
export function memoryHash(initial = ''): StateHost {
  let hash = initial;
  return {
    get: () => hash,
    replace: (next) => {
      hash = next;
    },
  };
}

/**
 * Hosts one embedded widget: where its state lives (`store`, a hash), how it
 * is remounted when a host page sets or resets the state (`generation`, used
 * as a {#key}), and how it is stepped (the frame's own ← → keys). Every state
 * change is reported through `onmessage` as `stepwise:state`.
 */
export class EmbedController implements WidgetControl {
  readonly entry: WidgetEntry;
  readonly #store: StateHost;
  readonly #onmessage: (m: OutboundMessage) => void;
  #generation = $state(0);
  #sync: AttachedSync | undefined;
  #root: HTMLElement | undefined;
  #lastCode: string | undefined;
  #readyAnnounced = false;

  constructor(entry: WidgetEntry, store: StateHost, onmessage: (m: OutboundMessage) => void = () => {}) {
    this.entry = entry;
    this.#store = store;
    this.#onmessage = onmessage;
  }

  get widgetId(): string {
    return this.entry.id;
  }

  /** Bumped to remount the widget (it re-reads its state on mount). */
  get generation(): number {
    return this.#generation;
  }

  /**
   * The Svelte context for the widget of the current generation. Writes from
   * an older generation (a debounced write of an unmounted widget) are dropped.
   */
  context(): EmbedContext {
    const generation = this.#generation;
    return {
      host: {
        get: () => this.#store.get(),
        replace: (hash) => {
          if (generation !== this.#generation) return;
          this.#store.replace(hash);
          this.#changed();
        },
      },
      attach: (sync) => {
        if (generation === this.#generation) this.#sync = sync;
      },
    };
  }

  /** The element the widget is mounted in (to find its frame for stepping). */
  setRoot(root: HTMLElement | undefined): void {
    this.#root = root;
  }

  fields(): Fields | undefined {
    return this.#sync?.fields;
  }

  /** The widget's link code (`#w-<id>=<code>`), '' for the defaults. */
  get code(): string {
    return readHashParam(this.#store.get(), this.entry.id);
  }

  /** The whole current state, every field (empty for widgets without link state). */
  state(): Record<string, unknown> {
    const fields = this.fields();
    return fields ? (decodeState(fields, this.code).state as Record<string, unknown>) : {};
  }

  setState(partial: Record<string, unknown>): void {
    const fields = this.fields();
    if (!fields) return;
    const next = { ...this.state(), ...partial };
    this.#write(encodeState(fields, next as never));
  }

  /** Replaces the state with an encoded one (the element's `state` attribute). */
  setCode(code: string): void {
    if (code === this.code) return;
    this.#write(code);
  }

  reset(): void {
    this.#write('');
  }

  step(by: number): boolean {
    const frame = this.#root?.querySelector<HTMLElement>('[data-widget]');
    if (!this.entry.steps || !frame) return false;
    const key = by > 0 ? 'ArrowRight' : 'ArrowLeft';
    for (let i = 0; i < Math.abs(by); i++) {
      frame.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    }
    return true;
  }

  announce(): void {
    this.#lastCode = this.code;
    this.#onmessage({ type: 'stepwise:state', widget: this.entry.id, state: this.state(), code: this.code });
  }

  /** Called once the widget shows its first computation. */
  ready(): void {
    if (this.#readyAnnounced) return;
    this.#readyAnnounced = true;
    this.#lastCode = this.code;
    this.#onmessage({
      type: 'stepwise:ready',
      widget: this.entry.id,
      state: this.state(),
      code: this.code,
      steps: this.entry.steps,
    });
  }

  #write(code: string): void {
    const current = this.#store.get();
    this.#store.replace(writeHashParam(current, this.entry.id, code));
    this.#generation++;
    this.#changed();
  }

  #changed(): void {
    if (!this.#readyAnnounced || this.code === this.#lastCode) return;
    this.announce();
  }
}
