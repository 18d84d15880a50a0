import { onMount } from 'svelte';
import { afterWidgetsReady } from '~lib/ui/after-paint.ts';

/**
 * For a widget that shows what the build computed (a seed, build-seed.ts) until it has fetched its weights and
 * computed them itself: runs `start` once, when the page's widgets are ready and the browser is idle, or at once
 * as soon as `seeded()` stops holding (a link or the reader asked for something the build did not compute).
 * Call during the component's initialisation, after `linkState` (so a linked state is restored when this looks).
 */
export function startWhenNeeded(seeded: () => boolean, start: () => void): void {
  let started = false;
  const go = () => {
    if (started) return;
    started = true;
    start();
  };
  onMount(() => afterWidgetsReady(go));
  $effect(() => {
    if (!seeded()) go();
  });
}
