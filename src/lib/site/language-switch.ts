/**
 * The header's language switch and the first-visit offer of the Chinese edition (browser only). Both are plain
 * links rendered by the server; this adds the reader's place to the switch and shows the offer when the browser
 * prefers Chinese. Never a redirect.
 */

/** Where the reader's answer to the offer (or their use of the switch) is kept, so the offer never comes back. */
export const offerKey = 'stepwise:language-offer';

/** True when the first of the browser's languages that the site has (English or Chinese) is Chinese. */
export function prefersChinese(languages: readonly string[]): boolean {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'zh') return true;
    if (primary === 'en') return false;
  }
  return false;
}

/**
 * The id of the place the reader is at: the URL's anchor, else the last section heading scrolled past. Widgets
 * keep their state in the hash as parameters (`#w-gru=…`), and writing it turns an anchor into an empty one
 * (`#two-gates=`), so the anchor is the first empty parameter that names an element.
 */
function currentAnchor(): string | undefined {
  for (const [name, value] of new URLSearchParams(location.hash.slice(1)))
    if (value === '' && document.getElementById(name)) return name;
  let at: string | undefined;
  for (const h of document.querySelectorAll<HTMLElement>('.prose :is(h2, h3)[id]')) {
    if (h.getBoundingClientRect().top > window.innerHeight / 3) break;
    at = h.id;
  }
  return at;
}

function remember(answer: string): void {
  try {
    localStorage.setItem(offerKey, answer);
  } catch {
    // Storage refused (private mode, blocked): the offer may come back; nothing else depends on it.
  }
}

/** The switch keeps the reader's place: the same section on the other page (heading ids differ by language). */
export function languageSwitch(): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-language-switch]')) {
    link.addEventListener('click', () => {
      remember('switched');
      const anchor = currentAnchor();
      if (!anchor || link.pathname === '/' || link.pathname === '/zh/') return;
      const anchors: Record<string, string> = JSON.parse(link.dataset.anchors ?? '{}');
      link.hash = anchors[anchor] ?? anchor;
    });
  }
}

/** Shows the offer of the Chinese edition to a browser that prefers Chinese, until the reader answers it. */
export function languageOffer(): void {
  const offer = document.querySelector<HTMLElement>('[data-language-offer]');
  if (!offer || !prefersChinese(navigator.languages ?? [navigator.language])) return;
  try {
    if (localStorage.getItem(offerKey)) return;
  } catch {
    return;
  }
  offer.hidden = false;
  offer.querySelector('[data-language-offer-accept]')?.addEventListener('click', () => remember('accepted'));
  offer.querySelector('[data-language-offer-dismiss]')?.addEventListener('click', () => {
    remember('dismissed');
    offer.hidden = true;
  });
}
