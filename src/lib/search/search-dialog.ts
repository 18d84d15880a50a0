import { m } from '../i18n/messages.ts';
import { mountSearch } from './search-ui.ts';

/**
 * Turns the shell open-search.ts made into the full search: label, results, a close button; Escape and a click
 * on the backdrop close it (focus returns to where it was). Text typed before this loaded is searched at once.
 */
export function completeSearchDialog(dialog: HTMLDialogElement, body: HTMLElement, input: HTMLInputElement): void {
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'search-close';
  close.textContent = m.chrome_search_close();
  close.addEventListener('click', () => dialog.close());
  dialog.prepend(close);
  mountSearch(body, input);
  // Escape closes at once; in a search box it would first only clear the text.
  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      dialog.close();
    }
  });
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });
  if (input.value !== '') input.dispatchEvent(new Event('input'));
}
