/**
 * The one float64 reference for tests and the benchmark: every model and op
 * the site computes, written again in plain loops over float64 numbers, and
 * the one tolerance rule they are compared with. Nothing here calls the
 * engine's arithmetic (only its seeded generator, mulberry32, for inputs:
 * the fixture tests check that generator against scripts/reference's Python
 * mirror). No test framework import, so vitest, Playwright and the bench page
 * all use it; Node runs it directly (relative imports only).
 */
export * from './attention.ts';
export * from './linalg.ts';
export * from './nd.ts';
export * from './normalisers.ts';
export * from './recurrent.ts';
export * from './seq2seq.ts';
export * from './tolerance.ts';
export * from './transformer.ts';
