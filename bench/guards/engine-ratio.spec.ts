import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { expect, test } from '../../tests/e2e/guard.ts';
import { buildBenchPage } from '../build.ts';
import { serve } from '../serve.ts';

/**
 * The quick guard run first by `npm run bench` (issue 8; moved out of the CI gate by issue 15: a timing ratio
 * on a shared machine is a benchmark, and it flaked): Stepwise's CPU engine
 * against TensorFlow.js's cpu backend on two widget-sized workloads, in the
 * same page, interleaved. Margins are generous (3×) so a noisy machine does
 * not fail it; the full suite with every backend is the separate command.
 * No absolute time is asserted.
 */
const port = Number(process.env.STEPWISE_E2E_PORT ?? 4399) + 100;
const dir = `/tmp/stepwise-bench-guard-${port}`;
let server: Server | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await buildBenchPage(dir);
  server = await serve(dir, port);
});

test.afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return ((s[(s.length - 1) >> 1] as number) + (s[s.length >> 1] as number)) / 2;
};

for (const spec of [
  { kind: 'lstm', size: 16 },
  { kind: 'selfattn', size: 8 },
] as const) {
  test(`runWorkload ${spec.kind} ${spec.size}: Stepwise CPU within 3× of tfjs-cpu and within 1e-5 of float64`, async ({
    page,
  }) => {
    await page.goto(`http://127.0.0.1:${port}/?warm=cpu`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    await page.evaluate(() => window.stepwiseBench.ready);
    const res = await page.evaluate(
      // 15 interleaved samples of 4 ms each: with 7 of 2 ms, a CI run at load ~9 once measured 4.5 where quiet runs
      // give ~0.5 (a cold-JIT or GC sample decided the median); the retry passed.
      (s) => window.stepwiseBench.runWorkload(s, ['stepwise-cpu', 'tfjs-cpu'], 15, 4),
      spec,
    );
    const mine = res.results.find((r) => r.impl === 'stepwise-cpu');
    const theirs = res.results.find((r) => r.impl === 'tfjs-cpu');
    expect(mine?.stepMs).toHaveLength(15);
    expect(theirs?.stepMs).toHaveLength(15);
    const ratio = median(mine?.stepMs ?? []) / median(theirs?.stepMs ?? []);
    expect(ratio, `Stepwise CPU ÷ tfjs-cpu median (${spec.kind} ${spec.size})`).toBeLessThanOrEqual(3);
    expect(mine?.maxErrStep).toBeLessThanOrEqual(1e-5);
    expect(mine?.maxErrChain).toBeLessThanOrEqual(1e-5);
    expect(theirs?.maxErrStep).toBeLessThanOrEqual(1e-5);
  });
}
