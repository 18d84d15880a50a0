import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type LaunchOptions } from '@playwright/test';

/**
 * Flags every browser test launches Chromium with. SwiftShader gives real
 * WebGL2 with float32 render targets on machines without a GPU; the
 * networking flags stop Chromium from phoning home (no request may leave
 * localhost in our tests).
 */
export const chromiumArgs: string[] = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

/**
 * Flags only the tests add: raster and composite in software instead of through SwiftShader's emulated GPU.
 * Debian's wrapper turns GPU rasterisation on, so on a machine without a GPU every page was painted by an
 * emulated GPU (the GPU process did a quarter of the suite's CPU work). Measured on one build, same machine,
 * pages.spec for /gru/, /bahdanau/, /scores/ and their twins, CPU seconds of all processes: 90.4 → 76.6 (GPU
 * process 21.6 → 2.0), wall 48.9 → 42.7 s. WebGL2 still runs on SwiftShader (the widgets' kernels are tested
 * there); only the page's own painting changes, which moved anti-aliased edges of strokes in the visual
 * baselines by tens of pixels (regenerated and looked at). The benchmarks keep the browser's usual GPU
 * rasterisation: they measure what a reader's Chromium does.
 */
export const testOnlyArgs: string[] = ['--disable-gpu-rasterization', '--disable-gpu-compositing'];

const installHint =
  'No Chromium found for the browser tests. Install one with `sudo apt-get install chromium` ' +
  '(Debian/Ubuntu) or `npx playwright install chromium`, or point CHROMIUM_PATH at a Chromium binary.';

/**
 * Finds the Chromium to test with: $CHROMIUM_PATH, then /usr/bin/chromium,
 * then Playwright's own download. Throws with install instructions if none.
 */
export function chromiumExecutable(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright has no browser of its own here; the error below says what to do.
  }
  const found = candidates.find((p): p is string => typeof p === 'string' && p !== '' && existsSync(p));
  if (found === undefined) throw new Error(installHint);
  return found;
}

/**
 * The browser's environment: the machine's, with fontconfig pointed at tests/fonts/fonts.conf, which adds a
 * Simplified Chinese font from npm. A fresh machine often has no CJK font, and the Chinese edition's pages
 * and screenshots would show empty boxes; Chromium reads the TrueType file (not WOFF2) through fontconfig.
 */
export function chromiumEnv(): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  return { ...env, FONTCONFIG_FILE: fileURLToPath(new URL('./fonts/fonts.conf', import.meta.url)) };
}

/** How every test, benchmark and script launches Chromium: the binary, the flags (plus `extraArgs`), the fonts. */
export function chromiumLaunchOptions(extraArgs: readonly string[] = []): LaunchOptions {
  return { executablePath: chromiumExecutable(), args: [...chromiumArgs, ...extraArgs], env: chromiumEnv() };
}
