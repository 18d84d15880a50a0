/**
 * Bundles the benchmark page (engine, TensorFlow.js with its cpu, wasm and
 * webgl backends, mathjs) into `outDir`, with the tfjs wasm binaries copied
 * next to it so nothing is fetched from outside localhost.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const here = new URL('.', import.meta.url).pathname;

export async function buildBenchPage(outDir: string): Promise<void> {
  mkdirSync(join(outDir, 'wasm'), { recursive: true });
  await build({
    entryPoints: [join(here, 'pages/main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: join(outDir, 'bench.js'),
    minify: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  copyFileSync(join(here, 'pages/index.html'), join(outDir, 'index.html'));
  const wasmDir = join(here, '../node_modules/@tensorflow/tfjs-backend-wasm/dist');
  for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
    copyFileSync(join(wasmDir, f), join(outDir, 'wasm', f));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildBenchPage(process.argv[2] ?? '/tmp/bench-page');
  console.log('bench page built');
}
