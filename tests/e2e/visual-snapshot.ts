import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/** Where the committed baselines live; `<name>-changed.png` and `<name>-diff.png` land next to them (gitignored). */
export const baselineDir = new URL('./visual/', import.meta.url).pathname;

/** Per-pixel colour distance pixelmatch ignores (0–1); pixels it finds anti-aliased are ignored too. */
const pixelThreshold = 0.1;
/**
 * Pixels that may differ before a snapshot counts as changed. Measured: repeated runs on one build differ by 0–6
 * pixels (mostly 0); one changed digit in a number is ~40–80 pixels, which a share such as 0.1 % (300–1,500
 * pixels here) would let through.
 */
const maxChangedPixels = 20;

/** What shows a measured time or a machine-dependent backend, and so cannot be compared (see snapshotStyle). */
const timed = [
  // BackendBadge: wall time of the op calls.
  '[data-ms]',
  // The lab's worker badge and scale mode's backend word: which backend ran depends on the machine's WebGL2.
  '[data-backend]',
  // Scale mode's run time; the cost plot's measured milliseconds (shown only after Measure, masked in case).
  '[data-symbol="ms"]',
  '[data-symbol^="ms_"]',
];

/**
 * CSS applied only while the screenshot is taken. The sticky site header would be painted over a widget
 * scrolled under it. Timed parts become fixed-width magenta boxes with no visible text: a mask in CSS rather than
 * Playwright's `mask`, which lands in the wrong place on elements taller than the viewport, and a fixed width
 * so that a time's text width cannot reflow the line around it.
 */
export const snapshotStyle = `
  .site-header { position: static !important; }
  ${timed.join(', ')} {
    display: inline-block !important; width: 9em !important; overflow: hidden !important; vertical-align: bottom;
    white-space: nowrap !important; color: transparent !important; background: #ff00ff !important;
  }
  ${timed.map((t) => `${t} *`).join(', ')} { visibility: hidden !important; }
`;

/**
 * Scrolls `root` through the viewport from top to bottom, so that every part that loads when it nears the screen
 * (the scratchpad's mathjs, lazily drawn charts) has started loading before the widget is shot whole.
 */
export async function scrollThrough(root: Locator): Promise<void> {
  await root.evaluate(async (el) => {
    // A frame, or 250 ms if none comes: under load Chromium once delivered no animation frame to this scroll for
    // two minutes (CI 07:38, /zh/multi-head/ timed out in scrollThrough and passed on the retry). A page stuck in
    // its own script still hangs here: the timer needs the main thread as much as the frame does.
    const frame = () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        requestAnimationFrame(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    const top = el.getBoundingClientRect().top + window.scrollY;
    const bottom = top + el.getBoundingClientRect().height;
    for (let y = top; y < bottom; y += window.innerHeight / 2) {
      window.scrollTo(0, y);
      await frame();
    }
    window.scrollTo(0, top);
    await frame();
  });
}

/**
 * Resolves once web fonts (KaTeX's included) are in and two frames have been painted with them. Both waits are
 * bounded: at CI 20:16 /multi-head/ at 375 px spent its whole 120 s test budget here and passed on the retry in
 * 16 s. A font still loading after 15 s fails with the fonts' names; a frame that does not come within 250 ms is
 * not waited for (the screenshot itself paints one), as in scrollThrough.
 */
export async function fontsAndFrames(page: Page): Promise<void> {
  const loading = await page.evaluate(async () => {
    const settled = await Promise.race([
      document.fonts.ready.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000)),
    ]);
    const frame = () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        requestAnimationFrame(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    await frame();
    await frame();
    if (settled) return [];
    return [...document.fonts].filter((f) => f.status === 'loading').map((f) => `${f.family} ${f.weight} ${f.style}`);
  });
  if (loading.length > 0) throw new Error(`web fonts still loading after 15 s: ${loading.join(', ')}`);
}

const paths = (name: string) => ({
  baseline: join(baselineDir, `${name}.png`),
  changed: join(baselineDir, `${name}-changed.png`),
  diff: join(baselineDir, `${name}-diff.png`),
});

/**
 * Moves `root` up and left (position: relative, so inner boxes are laid out and snapped from the moved corner)
 * by the fraction of a pixel that puts its top-left corner on the pixel grid. A widget's page offset is
 * fractional whenever the prose above it is (line heights like 1.6 × 17 px), and text and borders drawn at another
 * sub-pixel phase differ in thousands of pixels: without this, adding a sentence above a widget changed its
 * baseline (checked: two lines of prose above /scores/' widgets moved them from y = 2056.08 to 2127.45 and their
 * shots stayed equal).
 */
async function alignToPixels(root: Locator): Promise<void> {
  await root.evaluate((el) => {
    const box = el as HTMLElement;
    box.style.position = '';
    box.style.top = '';
    box.style.left = '';
    const r = box.getBoundingClientRect();
    const frac = (v: number) => v - Math.floor(v);
    const dx = frac(r.left + window.scrollX);
    const dy = frac(r.top + window.scrollY);
    if (dx > 0.001 || dy > 0.001) {
      // Relative offsets are part of layout, so every inner box is snapped from the aligned corner (a transform
      // would move the picture after its edges were already snapped at the old phase).
      if (getComputedStyle(box).position === 'static') box.style.position = 'relative';
      box.style.top = `${-dy}px`;
      box.style.left = `${-dx}px`;
    }
  });
}

/**
 * Shoots `root` and compares it with its baseline `name`. A first shot that already matches the baseline is the
 * answer: a half-drawn frame cannot match it, so the second shot `shootUntilSettled` takes to prove the picture has
 * stopped changing adds nothing but time (one more screenshot and 200 ms per passing picture; ~95 pictures in
 * visual.spec.ts). A first shot that does not match may still be settling: then the picture is shot until it
 * settles, and that shot is compared (and reported, or written as the new baseline under UPDATE_SNAPSHOTS=1).
 */
export function shootAndCompare(root: Locator, name: string): Promise<SnapshotVerdict> {
  return withSnapshotStyle(root, async (shoot) => {
    const first = await shoot();
    // The same bytes as the baseline: nothing to decode or compare (most shots, since the tests paint in
    // software and Chromium encodes a picture the same way each time).
    if (sameBytesAsBaseline(name, first)) return { name };
    if (matchesBaseline(name, first)) return compareSnapshot(name, first);
    return compareSnapshot(name, await shootUntilSettled(shoot, name, 8, first));
  });
}

/**
 * Runs `use` with a `shoot` function under the snapshot style. The style goes in first and the widget is aligned
 * under it: applied by the screenshot itself (its `style` option), the fixed-width masks reflowed the widget after
 * the alignment (a title that wrapped around a narrower badge took one line less), which moved everything below to
 * another sub-pixel phase.
 */
async function withSnapshotStyle<T>(root: Locator, use: (shoot: () => Promise<Buffer>) => Promise<T>): Promise<T> {
  const style = await root.page().addStyleTag({ content: snapshotStyle });
  const shoot = async () => {
    await alignToPixels(root);
    try {
      return await root.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css', timeout: 30_000 });
    } catch (error) {
      // Once in CI (05:42, /self-attention/ at 1280) a shot waited 30 s for its widget "to be stable" and never
      // reproduced on a quiet machine (6 of 6 passed): say whether the widget was moving or frames had stopped.
      throw new Error(`${(error as Error).message}\n${await motionReport(root)}`, { cause: error });
    }
  };
  try {
    return await use(shoot);
  } finally {
    await style.evaluate((e) => (e as Element).remove());
  }
}

/**
 * What Playwright's stability wait sees: the widget's box over ten animation frames (or as many as came in 3 s),
 * the page's scroll position, and which of the widget's descendants changed height meanwhile.
 */
async function motionReport(root: Locator): Promise<string> {
  return root
    .evaluate(
      (el) =>
        new Promise<string>((done) => {
          const boxes: string[] = [];
          const sizes = new Map([...el.querySelectorAll('*')].map((e) => [e, e.getBoundingClientRect().height]));
          const started = performance.now();
          let finished = false;
          const finish = () => {
            if (finished) return;
            finished = true;
            const grew = [...sizes].filter(([e, h]) => Math.abs(e.getBoundingClientRect().height - h) > 0.5);
            const names = grew.slice(0, 5).map(([e]) => `${e.tagName.toLowerCase()}.${e.classList[0] ?? ''}`);
            done(
              `widget box over ${boxes.length} frames in ${Math.round(performance.now() - started)} ms: ` +
                `${[...new Set(boxes)].join(' | ')}; scrollY ${scrollY}; ${grew.length} descendants changed ` +
                `height (${names.join(', ')})`,
            );
          };
          // A timer too: if frames have stopped, no callback would ever finish the report.
          setTimeout(finish, 3_000);
          const frame = () => {
            const r = el.getBoundingClientRect();
            boxes.push(`${r.x.toFixed(1)},${r.y.toFixed(1)} ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
            if (boxes.length < 10) requestAnimationFrame(frame);
            else finish();
          };
          requestAnimationFrame(frame);
        }),
    )
    .catch((e: Error) => `no motion report: ${e.message}`);
}

/** True when baseline `name` exists and holds exactly these bytes. */
function sameBytesAsBaseline(name: string, png: Buffer): boolean {
  const file = paths(name).baseline;
  if (!existsSync(file) || !readFileSync(file).equals(png)) return false;
  rmSync(paths(name).changed, { force: true });
  rmSync(paths(name).diff, { force: true });
  return true;
}

/** True when baseline `name` exists and `png` matches it within the tolerance compareSnapshot allows. */
function matchesBaseline(name: string, png: Buffer): boolean {
  const file = paths(name).baseline;
  if (!existsSync(file)) return false;
  const expected = PNG.sync.read(readFileSync(file));
  const actual = PNG.sync.read(png);
  if (expected.width !== actual.width || expected.height !== actual.height) return false;
  const changed = pixelmatch(expected.data, actual.data, undefined, actual.width, actual.height, {
    threshold: pixelThreshold,
  });
  return changed <= maxChangedPixels;
}

/**
 * Shoots until the picture stops changing: two shots in a row the same but for anti-aliasing.
 * Plots redraw after measuring their width and lazy parts arrive late, so a single shot right after `data-ready`
 * can catch a half-drawn frame. (Anti-aliasing alone may differ: an element at a fractional page offset, taller
 * than the viewport, is not always scrolled to the same sub-pixel phase, which shifts the edges of its boxes.) If it never settles, the last shot and its difference from the one before are written as
 * `<name>-changed.png` and `<name>-diff.png` for review.
 */
async function shootUntilSettled(
  shoot: () => Promise<Buffer>,
  name: string,
  tries: number,
  first?: Buffer,
): Promise<Buffer> {
  let last = first ?? (await shoot());
  for (let i = 0; i < tries; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await shoot();
    if (sameButAntiAliasing(last, next)) return next;
    if (i === tries - 1) {
      const file = paths(name);
      writeFileSync(file.changed, next);
      const where = changedRegion(last, next, file.diff);
      throw new Error(
        `${name}: the screenshot kept changing over ${tries + 1} shots (something animates or redraws on a timer): ${where}; last shot in ${file.changed}, its change from the one before in ${file.diff}`,
      );
    }
    last = next;
  }
  return last;
}

/** True when two PNGs have the same size and pixelmatch finds no pixel changed beyond anti-aliasing. */
function sameButAntiAliasing(a: Buffer, b: Buffer): boolean {
  if (a.equals(b)) return true;
  const x = PNG.sync.read(a);
  const y = PNG.sync.read(b);
  if (x.width !== y.width || x.height !== y.height) return false;
  return pixelmatch(x.data, y.data, undefined, x.width, x.height, { threshold: pixelThreshold }) === 0;
}

/** Where two shots differ, in words (changed pixel count and bounding box, or the two sizes); writes `diffFile`. */
function changedRegion(a: Buffer, b: Buffer, diffFile: string): string {
  const x = PNG.sync.read(a);
  const y = PNG.sync.read(b);
  if (x.width !== y.width || x.height !== y.height) return `size ${x.width}×${x.height} then ${y.width}×${y.height}`;
  const diff = new PNG({ width: x.width, height: x.height });
  pixelmatch(x.data, y.data, diff.data, x.width, x.height, { threshold: 0 });
  writeFileSync(diffFile, PNG.sync.write(diff));
  let count = 0;
  const box = { left: x.width, top: x.height, right: -1, bottom: -1 };
  for (let i = 0; i < x.data.length; i += 4) {
    if (x.data.readUInt32BE(i) === y.data.readUInt32BE(i)) continue;
    const p = i / 4;
    const col = p % x.width;
    const row = Math.floor(p / x.width);
    count++;
    box.left = Math.min(box.left, col);
    box.right = Math.max(box.right, col);
    box.top = Math.min(box.top, row);
    box.bottom = Math.max(box.bottom, row);
  }
  return `${count} pixels in x ${box.left}–${box.right}, y ${box.top}–${box.bottom} of ${x.width}×${x.height}`;
}

/** The result of comparing one named snapshot; `problem` is set when the test should fail. */
export interface SnapshotVerdict {
  name: string;
  problem?: string;
  note?: string;
}

/**
 * Compares `png` with the baseline `<name>.png`. A mismatch writes `<name>-changed.png` (and `<name>-diff.png`,
 * changed pixels in red) for review. A missing baseline is written locally and fails under CI.
 * `UPDATE_SNAPSHOTS=1` rewrites the baselines that no longer match; ones still within tolerance are kept, so an
 * update does not churn PNGs over anti-aliasing noise.
 */
function compareSnapshot(name: string, png: Buffer): SnapshotVerdict {
  const file = paths(name);
  mkdirSync(baselineDir, { recursive: true });
  const update = process.env.UPDATE_SNAPSHOTS === '1';
  if (!existsSync(file.baseline)) {
    if (process.env.CI && !update) {
      writeFileSync(file.changed, png);
      return {
        name,
        problem: `${name}: no baseline; the new picture is in ${file.changed} (commit it as ${name}.png)`,
      };
    }
    writeFileSync(file.baseline, png);
    return { name, note: `${name}: wrote a new baseline ${file.baseline}` };
  }
  const expected = PNG.sync.read(readFileSync(file.baseline));
  const actual = PNG.sync.read(png);
  let problem: string | undefined;
  let note: string | undefined;
  if (expected.width !== actual.width || expected.height !== actual.height) {
    problem = `${name}: size ${actual.width}×${actual.height} differs from the baseline's ${expected.width}×${expected.height}`;
  } else {
    const diff = new PNG({ width: actual.width, height: actual.height });
    const changed = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, {
      threshold: pixelThreshold,
    });
    const allowed = maxChangedPixels;
    if (changed > allowed) {
      writeFileSync(file.diff, PNG.sync.write(diff));
      problem = `${name}: ${changed} pixels differ (at most ${allowed} allowed); diff in ${file.diff}`;
    } else if (changed > 0) {
      note = `${name}: ${changed} pixels differ, within the ${allowed} allowed`;
    }
  }
  if (problem === undefined) {
    rmSync(file.changed, { force: true });
    rmSync(file.diff, { force: true });
    return note === undefined ? { name } : { name, note };
  }
  if (update) {
    writeFileSync(file.baseline, png);
    rmSync(file.changed, { force: true });
    rmSync(file.diff, { force: true });
    return { name, note: `updated: ${problem}` };
  }
  writeFileSync(file.changed, png);
  return { name, problem: `${problem}; the new picture is in ${file.changed}` };
}
