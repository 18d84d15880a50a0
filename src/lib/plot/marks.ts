/**
 * The part of Observable Plot the site's charts use, loaded lazily through
 * plot-lazy.ts. Listed, not the whole package: a dynamic import of the
 * package keeps every export (~40 KB more gzipped than these). A chart that
 * needs another mark or transform adds it here (the type of `Plot` in
 * plot-lazy.ts follows this list, so a missing one fails the typecheck).
 */
export { barX, barY, cell, dot, legend, line, lineY, plot, rectX, rectY, ruleX, ruleY, text } from '@observablehq/plot';
