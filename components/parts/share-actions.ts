/**
 * What the Share menu's items do (ShareButton.svelte): copy a link or an embed code, open the presentation, save
 * the view as an image. Loaded when a reader first opens a menu, not with the page: nothing here is needed before
 * the widgets are ready, and the image export alone is 1.8 KB gzipped on every widget page.
 */
import { pageLocale, siteLocale } from '~lib/i18n/locale.ts';
import { m } from '~lib/i18n/messages.ts';
import { download } from '~lib/share/download.ts';
import { embedUrl, iframeSnippet } from '~lib/share/embed-links.ts';
import { widgetPng, widgetSvg } from '~lib/share/export-image.ts';
import { readHashParam } from '~lib/url/state.ts';

/** A Share menu item. */
export type ShareAction = 'link' | 'embed' | 'slide' | 'present' | 'png' | 'svg';

/** The widget a Share menu belongs to. */
export interface ShareTarget {
  /** Its frame (`[data-widget]`), or null when the button is outside one. */
  readonly frame: HTMLElement | null;
  /** Its instance id (data-widget). */
  readonly id: string;
  /** True when the id is a registered widget, so it has an embed page. */
  readonly embeddable: boolean;
  /** Writes any pending state into the URL before a link is copied. */
  readonly flush: () => void;
}

/** The page's language, kept by the embed links it shares (English, the base, adds no parameter). */
const language = () => ({ lang: pageLocale(), baseLang: siteLocale });

/** The widget's title as the reader sees it in its frame (an embed's iframe is named after it). */
function title(frame: HTMLElement | null): string {
  return frame?.querySelector('h3')?.textContent?.trim() || m.part_share_fallback_title();
}

/** The link state of the widget right now (pending edits written first). */
function code(target: ShareTarget): string {
  target.flush();
  return readHashParam(location.hash, target.id);
}

/** Copies `text`; returns what to tell the reader. */
async function copy(text: string, done: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return done;
  } catch {
    // Clipboard access can be refused (permissions, insecure origin).
    return m.part_share_copy_refused();
  }
}

const actions: Record<ShareAction, (t: ShareTarget) => Promise<string | undefined> | undefined> = {
  link: (t) => {
    t.flush();
    return copy(location.href, m.part_share_link_copied());
  },
  embed: (t) => {
    if (!t.embeddable) return;
    const src = embedUrl(location.origin, t.id, code(t), language());
    return copy(iframeSnippet(src, title(t.frame)), m.part_share_embed_copied());
  },
  // For a slide: presentation mode at the projector's size (the page embed fits the whole widget, which on a
  // slide is a thumbnail).
  slide: (t) => {
    if (!t.embeddable) return;
    const src = embedUrl(location.origin, t.id, code(t), { present: true, ...language() });
    return copy(iframeSnippet(src, title(t.frame), { width: 1280, height: 720 }), m.part_share_embed_copied());
  },
  // Opening the presentation says nothing: the reader sees it open.
  present: (t) => {
    if (t.embeddable)
      window.open(embedUrl(location.origin, t.id, code(t), { present: true, ...language() }), '_blank', 'noopener');
    return undefined;
  },
  png: async ({ frame, id }) => {
    if (!frame) return;
    try {
      download(await widgetPng(frame), `${id}.png`);
      return m.part_share_png_saved();
    } catch (e) {
      return m.part_share_png_failed({ reason: e instanceof Error ? e.message : String(e) });
    }
  },
  svg: async ({ frame, id }) => {
    if (!frame) return;
    const { svg } = await widgetSvg(frame);
    download(new Blob([svg], { type: 'image/svg+xml' }), `${id}.svg`);
    return m.part_share_svg_saved();
  },
};

/** Runs `action` for `target`; resolves to what to tell the reader (nothing when there is nothing to say). */
export async function runShareAction(action: ShareAction, target: ShareTarget): Promise<string | undefined> {
  return await actions[action](target);
}
