/**
 * `node bench/chromium-flags.ts [--site DIR] [--port N] [--rounds N]`: how Chromium's paint flags change the
 * browser tests' cost. Serves a built site, then, for each flag set in turn (interleaved, `rounds` times), loads
 * the heaviest pages and measures the time from navigation to every widget's data-ready, and checks that a
 * page still gets WebGL2 (the widgets' GPU path). Prints the median per flag set with the load average.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/chromium.ts';

const { values: opt } = parseArgs({
  options: {
    site: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4501' },
    rounds: { type: 'string', default: '3' },
  },
});
const base = `http://127.0.0.1:${opt.port}`;
const pages = ['/bahdanau/', '/self-attention/', '/memory/', '/scores/'];
const variants: Record<string, string[]> = {
  'as tested (default)': [],
  '--disable-gpu-rasterization': ['--disable-gpu-rasterization'],
  '--disable-gpu-rasterization --disable-gpu-compositing': ['--disable-gpu-rasterization', '--disable-gpu-compositing'],
  '--disable-gpu-rasterization --disable-zero-copy': ['--disable-gpu-rasterization', '--disable-zero-copy'],
};

const server = spawn('node', ['tests/serve-dist.mjs'], {
  env: { ...process.env, PORT: opt.port, STEPWISE_DIST: opt.site },
  stdio: 'ignore',
});
await new Promise((r) => setTimeout(r, 1500));
const times: Record<string, number[]> = {};
const webgl2: Record<string, boolean> = {};
try {
  for (let round = 0; round < Number(opt.rounds); round++) {
    for (const [name, extra] of Object.entries(variants)) {
      const browser = await chromium.launch(chromiumLaunchOptions(extra));
      const page = await browser.newPage();
      const start = Date.now();
      for (const path of pages) {
        await page.goto(base + path);
        await page.waitForFunction(
          () => [...document.querySelectorAll('[data-widget]')].every((w) => w.hasAttribute('data-ready')),
          undefined,
          { timeout: 120_000 },
        );
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      }
      times[name] = [...(times[name] ?? []), Date.now() - start];
      webgl2[name] = await page.evaluate(() => {
        const gl = document.createElement('canvas').getContext('webgl2');
        return gl !== null && gl.getExtension('EXT_color_buffer_float') !== null;
      });
      await browser.close();
    }
  }
} finally {
  server.kill();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? Number.NaN;
console.log(
  `load average at the end: ${loadavg()
    .map((v) => v.toFixed(1))
    .join(' ')}`,
);
for (const name of Object.keys(variants))
  console.log(
    `${name.padEnd(56)} median ${(median(times[name] ?? []) / 1000).toFixed(1)} s for ${pages.length} pages (${(times[name] ?? []).map((t) => (t / 1000).toFixed(1)).join(', ')}); WebGL2 + float targets: ${webgl2[name]}`,
  );
