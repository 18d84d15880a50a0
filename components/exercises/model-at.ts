import { type Fields, type StateOf, validateFields } from '~lib/url/state.ts';

/** What modelAt needs from a state class: the restore half of its link. */
interface Restorable<F extends Fields> {
  restore(state: StateOf<F>): void;
}

/**
 * A fresh state class set to `state` over its link defaults, exactly as the widget is when a link (or "Show me")
 * sets it: predict answers ask it for their expected values, and tests run each check on it. Throws when a field
 * is refused, so a typo in an exercise fails its test instead of quietly using a default.
 */
export function modelAt<F extends Fields, M extends Restorable<F>>(make: () => M, fields: F, state: object): M {
  const { state: full, messages } = validateFields(fields, state);
  if (messages.length > 0) throw new Error(messages.join(' '));
  const model = make();
  model.restore(full);
  return model;
}
