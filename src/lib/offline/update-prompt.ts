/**
 * The offer to reload into a newer build of the site (register.ts shows it when one is waiting): the reader
 * reloads now or later; a waiting service worker takes over only when told (SKIP_WAITING).
 */
import { m } from '../i18n/messages.ts';

/** Shows the offer for `worker` (once: a second offer while one is on screen changes nothing). */
export function showUpdatePrompt(worker: ServiceWorker): void {
  if (document.querySelector('.update-prompt')) return;
  const box = document.createElement('div');
  box.className = 'update-prompt';
  box.setAttribute('role', 'status');
  const text = document.createElement('span');
  text.textContent = m.chrome_update_available();
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = m.chrome_update_reload();
  const later = document.createElement('button');
  later.type = 'button';
  later.textContent = m.chrome_update_later();
  later.className = 'quiet';
  box.append(text, reload, later);
  document.body.append(box);
  later.addEventListener('click', () => box.remove());
  reload.addEventListener('click', () => {
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    worker.postMessage({ type: 'SKIP_WAITING' });
  });
}
