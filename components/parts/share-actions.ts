/**
 * What the Share menu's items do (ShareButton.svelte): copy a link or an embed code, open the presentation, save
 * the view as an image. Loaded when a reader first opens a menu, not with the page: nothing here is needed before
 * the widgets are ready, and the image export alone is 1.8 KB gzipped on every widget page. It imports nothing
 * the widgets share (the link's code and the embed address come from ShareButton): a module of theirs imported
 * here too would be split into a chunk of its own, and the <stepwise-widget> bundle's first script grow.
 */
import { m } from '~lib/i18n/messages.ts';
import { download } from '~lib/share/download.ts';
import { widgetPng, widgetSvg } from '~lib/share/export-image.ts';

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
  /** The widget's embed page with its state now (pending edits written first), in presentation mode if asked. */
  readonly embedSrc: (present: boolean) => string;
  /** An <iframe> snippet for `src` titled `title`, 800×600 unless told (embed-links.ts). */
  readonly iframe: (src: string, title: string, size?: { width: number; height: number }) => string;
}

/** The widget's title as the reader sees it in its frame (an embed's iframe is named after it). */
function title(frame: HTMLElement | null): string {
  return frame?.querySelector('h3')?.textContent?.trim() || m.part_share_fallback_title();
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
    return copy(t.iframe(t.embedSrc(false), title(t.frame)), m.part_share_embed_copied());
  },
  // For a slide: presentation mode at the projector's size (the page embed fits the whole widget, which on a
  // slide is a thumbnail).
  slide: (t) => {
    if (!t.embeddable) return;
    const size = { width: 1280, height: 720 };
    return copy(t.iframe(t.embedSrc(true), title(t.frame), size), m.part_share_embed_copied());
  },
  // Opening the presentation says nothing: the reader sees it open.
  present: (t) => {
    if (t.embeddable) window.open(t.embedSrc(true), '_blank', 'noopener');
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
