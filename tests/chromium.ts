import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type LaunchOptions } from '@playwright/test';

/**
 * The features Playwright switches off when it launches Chromium (playwright-core 1.65's chromiumSwitches.ts):
 * Chromium reads only the LAST --disable-features switch, so ours below must repeat them or they are lost.
 * tests/build/chromium-flags.test.ts fails when Playwright's list has a name this one lacks.
 */
export const playwrightDisabledFeatures: readonly string[] = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Features we switch off on top of Playwright's. Translate: no translation bar or its downloads. WebUIOmniboxPopup
 * and WebUIOmniboxAimPopup: Chromium 156 builds the address bar's suggestion popup as two WebUI pages
 * (chrome://omnibox-popup.top-chrome/) in a renderer of their own for every new window, headless included, and
 * every test context is a new window. Measured here (2026-12-06): that renderer took 0.1–0.7 s of CPU per context
 * and the browser process 0.15 s more, for a popup no test opens.
 */
const ourDisabledFeatures = ['Translate', 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

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
  `--disable-features=${[...new Set([...playwrightDisabledFeatures, ...ourDisabledFeatures])].join(',')}`,
];

/**
 * How Chromium paints on a machine without a usable GPU: raster and compositing on the CPU, while WebGL2 still
 * runs on SwiftShader (the widgets' kernels are tested and benchmarked there). Without these flags Debian's
 * wrapper (--enable-gpu-rasterization) and our --ignore-gpu-blocklist paint every page through SwiftShader's
 * emulated GPU, a configuration no reader's browser has: Chrome rasterises on the GPU only with a real one
 * (fast), and falls back to CPU raster without (chrome://gpu: "Rasterization: Software only").
 *
 * Measured here: pages.spec for /gru/, /bahdanau/, /scores/ and their twins, CPU seconds of all processes
 * 90.4 → 76.6 (GPU process 21.6 → 2.0), wall 48.9 → 42.7 s. Editing the beam-width slider on /decoding/ kept the
 * GPU process's main thread busy for 10.8 s of an 11 s run (rasterising the beam tree), taking a core of two from
 * the page. Interaction latency, same build, ABBA (bench/latency-ab.ts --b-flags, 13 widgets and the bare input,
 * 40 edits per pass): bare input paint p95 38.4 → 25.6 ms; decoding-search p50 78.3 → 24.3; gradient-flow
 * 48.0 → 20.5. The tests, and the benchmark's page measurements (start-up, interaction), use these flags; the
 * engine races keep the launch they were measured with. Moving to them changed anti-aliased stroke edges in the
 * visual baselines by tens of pixels (regenerated and looked at).
 */
export const softwarePaintArgs: string[] = ['--disable-gpu-rasterization', '--disable-gpu-compositing'];

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
