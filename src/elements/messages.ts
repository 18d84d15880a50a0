import * as v from 'valibot';
import { type Fields, validateFields } from '~lib/url/state.ts';

/**
 * The postMessage API of an embedded widget (an /embed/<id>/ iframe).
 *
 * A host page sends (`iframe.contentWindow.postMessage(message, origin)`):
 *
 *     { type: 'stepwise:set', state: { t: 0.5 } }   // merge these fields into the state
 *     { type: 'stepwise:step', by: 1 }              // one formula forward (by: -1 back; default 1)
 *     { type: 'stepwise:reset' }                    // back to the widget's defaults
 *     { type: 'stepwise:get' }                      // ask for the current state
 *
 * Each may carry `widget: '<id>'`; a message for another widget is ignored,
 * so one listener can broadcast to several frames. The widget answers, to
 * the page that embeds it:
 *
 *     { type: 'stepwise:ready', widget, state, code, steps }   // once, when it first computed
 *     { type: 'stepwise:state', widget, state, code }          // after every change (and after `get`)
 *
 * `state` holds every field of the widget's link state (the same fields as
 * its `#w-<id>=…` hash); `code` is that hash value, ready for a link. Messages
 * whose type starts with `stepwise:` but do not match the shapes above, or
 * whose state fails the widget's schema (a field it does not have, a value out
 * of range, NaN), are ignored as a whole with a console warning. Nothing
 * received is ever evaluated: messages are plain data checked against
 * schemas.
 */

const widgetName = v.optional(v.pipe(v.string(), v.maxLength(100)));

const setMessage = v.strictObject({
  type: v.literal('stepwise:set'),
  widget: widgetName,
  state: v.record(v.string(), v.unknown()),
});
const stepMessage = v.strictObject({
  type: v.literal('stepwise:step'),
  widget: widgetName,
  by: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-100), v.maxValue(100)), 1),
});
const resetMessage = v.strictObject({ type: v.literal('stepwise:reset'), widget: widgetName });
const getMessage = v.strictObject({ type: v.literal('stepwise:get'), widget: widgetName });

/** Any message a host page may send. */
export const inboundMessage = v.variant('type', [setMessage, stepMessage, resetMessage, getMessage]);
export type InboundMessage = v.InferOutput<typeof inboundMessage>;

/** What the widget sends back. */
export type OutboundMessage =
  | { type: 'stepwise:ready'; widget: string; state: Record<string, unknown>; code: string; steps: boolean }
  | { type: 'stepwise:state'; widget: string; state: Record<string, unknown>; code: string };

/** The outcome of reading one received message. */
export type Parsed =
  | { kind: 'ignore' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'message'; message: InboundMessage };

/**
 * Reads a received message for widget `widgetId`: not ours (another
 * library's message, or addressed to another widget) → ignore; ours but
 * malformed → invalid with the reason; else the typed message. For `set`,
 * the state is checked field by field against `fields`; one bad field makes
 * the whole message invalid (a half-applied state would confuse a deck).
 */
export function parseMessage(data: unknown, widgetId: string, fields: Fields | undefined): Parsed {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { kind: 'ignore' };
  const type = (data as { type?: unknown }).type;
  if (typeof type !== 'string' || !type.startsWith('stepwise:')) return { kind: 'ignore' };
  const widget = (data as { widget?: unknown }).widget;
  if (typeof widget === 'string' && widget !== widgetId) return { kind: 'ignore' };
  const r = v.safeParse(inboundMessage, data);
  if (!r.success) {
    const issue = r.issues[0];
    const where = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
    return { kind: 'invalid', reason: `${type}: ${where ? `${where}: ` : ''}${issue?.message ?? 'malformed'}` };
  }
  if (r.output.type === 'stepwise:set') {
    if (fields === undefined) return { kind: 'invalid', reason: `stepwise:set: ${widgetId} has no settable state` };
    const checked = validateFields(fields, r.output.state);
    if (checked.messages.length > 0) return { kind: 'invalid', reason: `stepwise:set: ${checked.messages.join(' ')}` };
    // Keep only the fields the message named, as the validated (cloned) values.
    const state: Record<string, unknown> = {};
    const out = checked.state as Record<string, unknown>;
    for (const k of Object.keys(r.output.state)) state[k] = out[k];
    return { kind: 'message', message: { ...r.output, state } };
  }
  return { kind: 'message', message: r.output };
}

/** What a host can do to a mounted widget; the /embed/ page and <stepwise-widget> both implement it. */
export interface WidgetControl {
  readonly widgetId: string;
  /** The widget's state fields, once it has mounted (undefined for widgets without link state). */
  fields(): Fields | undefined;
  /** Merges validated fields into the state and shows them. */
  setState(partial: Record<string, unknown>): void;
  /** Steps the widget's stepper by `by` (±); false when it has none. */
  step(by: number): boolean;
  /** Back to the defaults. */
  reset(): void;
  /** Announces the current state (answers `stepwise:get`). */
  announce(): void;
}

/**
 * Applies one received message to `control`. Malformed messages change
 * nothing and are reported through `warn` (console.warn by default).
 * Returns true when the message was applied.
 */
export function handleMessage(
  control: WidgetControl,
  data: unknown,
  warn: (text: string) => void = (text) => console.warn(text),
): boolean {
  const parsed = parseMessage(data, control.widgetId, control.fields());
  if (parsed.kind === 'ignore') return false;
  if (parsed.kind === 'invalid') {
    warn(`Stepwise widget "${control.widgetId}" ignored a message: ${parsed.reason}`);
    return false;
  }
  const m = parsed.message;
  switch (m.type) {
    case 'stepwise:set':
      control.setState(m.state);
      return true;
    case 'stepwise:step':
      return control.step(m.by);
    case 'stepwise:reset':
      control.reset();
      return true;
    case 'stepwise:get':
      control.announce();
      return true;
  }
}
