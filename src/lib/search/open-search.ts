/**
 * The only search code on every page: the header's search link, `/` and Ctrl/⌘-K open the dialog. Its shell
 * (a dialog with the focused box) is made here at once, so nothing typed while the search code and Pagefind's
 * index load is lost; search-dialog.ts then fills it in. Without JavaScript the link goes to /search/.
 */
import { m } from '../i18n/messages.ts';

function open(): void {
  let dialog = document.querySelector<HTMLDialogElement>('dialog.search-dialog');
  if (!dialog) {
    dialog = document.createElement('dialog');
    dialog.className = 'search-dialog';
    dialog.setAttribute('aria-label', m.chrome_search());
    const input = document.createElement('input');
    Object.assign(input, { id: 'search-input', type: 'search', autocomplete: 'off' });
    const body = document.createElement('div');
    body.append(input);
    dialog.append(body);
    document.body.append(dialog);
    void import('./search-dialog.ts').then((m) => m.completeSearchDialog(dialog as HTMLDialogElement, body, input));
  }
  if (!dialog.open) dialog.showModal();
  const input = dialog.querySelector<HTMLInputElement>('#search-input');
  input?.focus();
  input?.select();
}

function typing(target: EventTarget | null): boolean {
  const t = target as HTMLElement | null;
  return !!t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
}

document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented) return;
  const k = e.key.toLowerCase();
  if ((k === 'k' && (e.ctrlKey || e.metaKey)) || (e.key === '/' && !typing(e.target) && !e.ctrlKey && !e.metaKey)) {
    e.preventDefault();
    open();
  }
});
for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-search-open]')) {
  link.addEventListener('click', (e) => {
    e.preventDefault();
    open();
  });
}
