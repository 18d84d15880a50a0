import { m } from '~lib/i18n/messages.ts';
import { formatNumber, parseFinite } from '~lib/ui/format.ts';
import { type Cell, moveCell } from '~lib/ui/grid-nav.ts';

/**
 * The keyboard side of an editable matrix view: which cell has the roving
 * tabindex, whether it is being edited, the text typed so far and the
 * message when that text is refused (NaN, Infinity, words).
 */
export class GridCursor {
  #row = $state(0);
  #col = $state(0);
  #rows: number;
  #cols: number;
  #editing = $state(false);
  #draft = $state('');
  #message = $state('');

  constructor(rows: number, cols: number) {
    this.#rows = rows;
    this.#cols = cols;
  }

  /** The active cell (the one in the tab order). */
  get active(): Cell {
    return [this.#row, this.#col];
  }

  /** True while the active cell shows a text field. */
  get editing(): boolean {
    return this.#editing;
  }

  /** The text in the edit field. */
  get draft(): string {
    return this.#draft;
  }

  /** Why the last entry was refused; '' when it was not. */
  get message(): string {
    return this.#message;
  }

  /** Adapts to a new shape, keeping the active cell inside it. */
  resize(rows: number, cols: number): void {
    this.#rows = rows;
    this.#cols = cols;
    this.#row = Math.max(0, Math.min(this.#row, rows - 1));
    this.#col = Math.max(0, Math.min(this.#col, cols - 1));
  }

  /** Makes (i, j) the active cell. */
  select(i: number, j: number): void {
    this.#row = Math.max(0, Math.min(i, this.#rows - 1));
    this.#col = Math.max(0, Math.min(j, this.#cols - 1));
  }

  /** Moves by a navigation key; returns true when the key was one (even at an edge). */
  move(key: string, ctrl = false): boolean {
    const to = moveCell(key, this.active, this.#rows, this.#cols, ctrl);
    if (to === undefined) return false;
    this.select(to[0], to[1]);
    return true;
  }

  /** Starts editing the active cell, with its value or with a first typed character. */
  startEdit(current: number, typed?: string): void {
    this.#editing = true;
    this.#draft = typed ?? String(current);
    this.#message = '';
  }

  /** Updates the edit text. */
  setDraft(text: string): void {
    this.#draft = text;
  }

  /**
   * Ends editing with the typed value when it is a finite number, else keeps
   * editing and says why (`current` is named in the message).
   */
  commit(current: number): { ok: true; value: number } | { ok: false } {
    const parsed = parseFinite(this.#draft);
    if (!parsed.ok) {
      this.#message = m.part_number_refused({ message: parsed.message, value: formatNumber(current, 3) });
      return { ok: false };
    }
    this.#editing = false;
    this.#message = '';
    return { ok: true, value: parsed.value };
  }

  /** Ends editing without a change. */
  cancel(): void {
    this.#editing = false;
    this.#message = '';
  }

  /** Shows a message without editing (e.g. a paste that was refused). */
  say(message: string): void {
    this.#message = message;
  }
}
