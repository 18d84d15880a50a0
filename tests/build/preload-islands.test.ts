import { init } from 'es-module-lexer';
import { beforeAll, describe, expect, it } from 'vitest';
import { addModulePreloads, embeddedWidget, loadIslands, staticImports } from '../../src/build/preload-islands.ts';

beforeAll(async () => {
  await init;
});

describe('staticImports', () => {
  it('finds minified static imports and re-exports, resolved to site URLs, and skips dynamic imports', () => {
    const source =
      'import"./side.js";import{a as b}from"./client.js";export{c}from"../shared/d.js";' +
      'const later=()=>import("./katex.js");import x from"/_astro/abs.js";';
    expect(staticImports(source, '/_astro/Gru.js')).toEqual([
      '/_astro/side.js',
      '/_astro/client.js',
      '/shared/d.js',
      '/_astro/abs.js',
    ]);
  });
});

describe('addModulePreloads', () => {
  const graph: Record<string, string[]> = {
    '/_astro/Gru.js': ['/_astro/client.js', '/_astro/engine.js'],
    '/_astro/engine.js': ['/_astro/client.js', '/_astro/tensor.js'],
    '/_astro/renderer.js': ['/_astro/client.js'],
    '/_astro/Exercise.js': ['/_astro/exercise-only.js'],
  };
  const importsOf = (url: string) => graph[url] ?? [];
  const page = (islands: string) => `<html><head><title>t</title></head><body>${islands}</body></html>`;
  const island = (component: string, client: string) =>
    `<astro-island uid="u" component-url="${component}" renderer-url="/_astro/renderer.js" ssr client="${client}">x</astro-island>`;

  it('links every module a client:load island reaches, once each, at the end of <head>', () => {
    const out = addModulePreloads(
      page(island('/_astro/Gru.js', 'load')),
      loadIslands(page(island('/_astro/Gru.js', 'load'))),
      importsOf,
    );
    const linked = [...out.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
    expect(linked.sort()).toEqual(
      ['/_astro/Gru.js', '/_astro/client.js', '/_astro/engine.js', '/_astro/renderer.js', '/_astro/tensor.js'].sort(),
    );
    expect(out.indexOf('<link rel="modulepreload"')).toBeGreaterThan(out.indexOf('<title>'));
    expect(out.indexOf('</head>')).toBeGreaterThan(out.lastIndexOf('<link rel="modulepreload"'));
  });

  it('leaves client:visible islands to load when seen, and a page without a load island unchanged', () => {
    const html = page(island('/_astro/Exercise.js', 'visible'));
    expect(loadIslands(html)).toEqual([]);
    expect(addModulePreloads(html, [], importsOf)).toBe(html);
    const both = page(island('/_astro/Gru.js', 'load') + island('/_astro/Exercise.js', 'visible'));
    const mixed = addModulePreloads(both, loadIslands(both), importsOf);
    expect(mixed).not.toContain('exercise-only.js');
    expect(mixed).not.toContain('href="/_astro/Exercise.js"');
  });

  it('does not link a module twice when the page already preloads it', () => {
    const html = page(island('/_astro/Gru.js', 'load')).replace(
      '</head>',
      '<link rel="modulepreload" href="/_astro/client.js"></head>',
    );
    expect(addModulePreloads(html, loadIslands(html), importsOf).match(/href="\/_astro\/client\.js"/g)).toHaveLength(1);
  });

  it("an embed page preloads its one widget's chunk, found by the component's name stem, and nothing else", () => {
    // Two chunks named BahdanauDiagram: the widget and the diagram it wraps (components/diagrams/), both needed.
    const chunks = [
      '/_astro/Bahdanau.Ab12_-xY.js',
      '/_astro/BahdanauDiagram.Cd34.js',
      '/_astro/BahdanauDiagram.Gh78.js',
      '/_astro/GruCell.Ef56.js',
    ];
    const embed = (id: string) => `<html><head></head><body data-embed-widget="${id}" class="embed"></body></html>`;
    expect(embeddedWidget(embed('bahdanau'), chunks)).toEqual(['/_astro/Bahdanau.Ab12_-xY.js']);
    expect(embeddedWidget(embed('bahdanau-diagram'), chunks)).toEqual([
      '/_astro/BahdanauDiagram.Cd34.js',
      '/_astro/BahdanauDiagram.Gh78.js',
    ]);
    expect(embeddedWidget(embed('gru-cell'), chunks)).toEqual(['/_astro/GruCell.Ef56.js']);
    expect(embeddedWidget(embed('lstm-cell'), chunks)).toEqual([]);
    expect(embeddedWidget(page(''), chunks)).toEqual([]);
  });
});
