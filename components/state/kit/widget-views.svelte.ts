import { createContext } from 'svelte';
import * as v from 'valibot';
import { type Field, field } from '~lib/url/state.ts';

/** One view a widget offers besides its core view: its link name and its tab's words (a catalog message). */
export interface ViewSpec {
  readonly id: string;
  readonly label: () => string;
}

/** The core view's link value: the field's default, so a link without `view` opens on the core. */
export const coreView = '';

/**
 * The views of one widget in an embed (a slide): the core (controls, the current formula and numbers, the
 * picture) and the parts a chapter shows below it (weights, whole-sequence tables, scratchpad), each behind a
 * tab. The chosen view is the link's `view` field, so a Share link opens a slide on the view it was taken on.
 * The views are a widget's capability, listed in its registry entry (`views`); ViewPanel wraps each one's parts.
 * On a chapter page nothing changes: every view shows, one after the other, with no tabs.
 */
export class WidgetViews {
  readonly #specs: readonly ViewSpec[];
  #current = $state(coreView);
  /** True when the widget is mounted by an embed host (the /embed/ page, <stepwise-widget>): tabs show. */
  readonly tabbed: boolean;
  /** The start of the tabs' and panels' element ids (the widget instance's id: unique on its page). */
  readonly uid: string;

  constructor(tabbed: boolean, uid: string, specs: readonly ViewSpec[]) {
    this.tabbed = tabbed;
    this.#specs = specs;
    this.uid = `views-${uid}`;
  }

  /** The element id of `id`'s tab, or (`part` 'panel') of its panel. */
  elementId(id: string, part: 'tab' | 'panel'): string {
    return `${this.uid}-${part}-${id || 'core'}`;
  }

  /** The widget's views, the core first (as its registry entry lists them). */
  get specs(): readonly ViewSpec[] {
    return this.#specs;
  }

  /** The shown view's id ('' for the core). */
  get current(): string {
    return this.#current;
  }

  /** True when the widget has a view besides its core. */
  get any(): boolean {
    return this.#specs.some((s) => s.id !== coreView);
  }

  /** Shows `id`; an id the widget does not have shows the core, and false says so. */
  select(id: string): boolean {
    const known = this.#specs.some((s) => s.id === id);
    this.#current = known ? id : coreView;
    return known || id === coreView;
  }

  /** True when `id`'s panel is on screen: always on a chapter page, the chosen one in an embed. */
  shows(id: string): boolean {
    return !this.tabbed || this.#current === id;
  }
}

/** The link field holding the chosen view: a short name, checked against the widget's views once they are known. */
export const viewField: Field<string> = field(v.pipe(v.string(), v.maxLength(40), v.regex(/^[a-z0-9-]*$/)), coreView);

const [getViews, setViews, hasViews] = createContext<WidgetViews>();

/**
 * Creates a widget's views for the panels and tabs inside it (its UrlSync does, while the widget initialises);
 * outside a component (unit tests) they are the widget's own and nothing inside sees them.
 */
export function provideViews(tabbed: boolean, uid: string, specs: readonly ViewSpec[]): WidgetViews {
  const views = new WidgetViews(tabbed, uid, specs);
  try {
    return setViews(views);
  } catch {
    return views;
  }
}

/** The views of the widget being initialised; undefined outside one (a part rendered on its own, unit tests). */
export function widgetViews(): WidgetViews | undefined {
  try {
    return hasViews() ? getViews() : undefined;
  } catch {
    return undefined;
  }
}
