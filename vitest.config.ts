import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const alias = {
  '~engine': new URL('./src/engine', import.meta.url).pathname,
  '~lib': new URL('./src/lib', import.meta.url).pathname,
  '~components': new URL('./components', import.meta.url).pathname,
};

export default defineConfig({
  plugins: [svelte()],
  resolve: { alias, conditions: ['browser'] },
  test: {
    include: ['tests/{engine,lib,components}/**/*.test.ts'],
    environment: 'node',
    reporters: process.env.STEPWISE_REPORT
      ? ['default', ['json', { outputFile: process.env.STEPWISE_REPORT }]]
      : ['default'],
  },
});
