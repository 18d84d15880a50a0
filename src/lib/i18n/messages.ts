/**
 * The message catalog: `m.<key>(params)` returns the reader's text in the page's language (see README
 * "Strings" and /I18N-RECIPE.md). Import it from here, not from ./paraglide/, so the page's language is
 * wired before the first message renders.
 */
import './locale.ts';

export { m } from './paraglide/messages.js';
