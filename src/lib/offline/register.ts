/**
 * Registers the service worker (dist/sw.js, written by src/build/offline.ts) and, when a newer build is
 * waiting, offers to reload into it. The reader decides: a reload mid-edit would lose nothing (state is in the
 * link), but it would still be a surprise, so it is never forced. The offer itself (update-prompt.ts) is
 * fetched only when there is something to offer: every page loads this file before its widgets are ready.
 */
import { whenQuiet } from './when-quiet.ts';

/** When the offline copy is made: 5 s after load at the earliest, once the reader has left the widgets for 3 s. */
const offlineTiming = { after: 5000, quietFor: 3000, idleTimeout: 5000 };

export function registerOffline(): void {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  window.addEventListener('load', () => whenQuiet(window, offlineTiming, () => void register()));
}

async function register(): Promise<void> {
  let registration: ServiceWorkerRegistration | undefined;
  try {
    registration = await navigator.serviceWorker.register('/sw.js');
  } catch {
    // No offline copy (private mode, a host without the file): the site works online as before.
  }
  if (!registration) return;
  const offer = (worker: ServiceWorker | null) => {
    if (worker && navigator.serviceWorker.controller)
      void import('./update-prompt.ts').then(({ showUpdatePrompt }) => showUpdatePrompt(worker));
  };
  offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration?.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') offer(installing);
    });
  });
}
