// Takes full-page screenshots of built pages for a human to look at.
// Usage: npx node scripts/screenshot.ts <base-url> <out-dir> <path> [<path>…]
// Env: WIDTH (default 1280), HEIGHT (800), THEME (light|dark), SELECTOR (shoot one element).
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/chromium.ts';

const [base = 'http://localhost:4321', outDir = '/tmp/shots', ...paths] = process.argv.slice(2);
const width = Number(process.env.WIDTH ?? 1280);
const height = Number(process.env.HEIGHT ?? 800);
const theme = process.env.THEME === 'dark' ? 'dark' : 'light';
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage({ viewport: { width, height }, colorScheme: theme });
page.on('console', (m) => {
  if (m.type() === 'error' || m.type() === 'warning') console.log(`[console.${m.type()}] ${m.text()}`);
});
page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
for (const path of paths.length ? paths : ['/']) {
  await page.goto(new URL(path, base).href, { waitUntil: 'networkidle' });
  await page.waitForTimeout(300);
  const name = `${path.replace(/\W+/g, '_').replace(/^_|_$/g, '') || 'home'}-${width}-${theme}.png`;
  const selector = process.env.SELECTOR;
  if (selector)
    await page
      .locator(selector)
      .first()
      .screenshot({ path: `${outDir}/${name}` });
  else await page.screenshot({ path: `${outDir}/${name}`, fullPage: true });
  console.log(`${outDir}/${name}`);
}
await browser.close();
