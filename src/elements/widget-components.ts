import DecoderStep from '../../components/widgets/DecoderStep.svelte';
import DecodingSearch from '../../components/widgets/DecodingSearch.svelte';
import ExposureBias from '../../components/widgets/ExposureBias.svelte';
import PretrainedAlignment from '../../components/widgets/PretrainedAlignment.svelte';
import PretrainedBottleneck from '../../components/widgets/PretrainedBottleneck.svelte';
import PretrainedTranslate from '../../components/widgets/PretrainedTranslate.svelte';
import TrainingLab from '../../components/widgets/TrainingLab.svelte';
import { type AnyWidget, portableComponents } from './portable-components.ts';

/**
 * The component of every registered widget (components/widgets/registry.ts),
 * one explicit static import per id. Astro cannot hydrate a component chosen
 * at runtime, and a lazily imported chunk would lose the CSS Astro inlines
 * into pages; so the embed island imports them all statically and picks one.
 * Each widget adds only its own small chunk (the heavy parts, the engine,
 * KaTeX, Plot and mathjs, are shared by nearly all of them).
 */
export const widgetComponents: Readonly<Record<string, AnyWidget>> = {
  ...portableComponents,
  // These need the site: a Web Worker (the lab) and snapshot files (the pretrained decoders).
  'training-lab': TrainingLab,
  'pretrained-alignment': PretrainedAlignment,
  'pretrained-bottleneck': PretrainedBottleneck,
  'pretrained-translate': PretrainedTranslate,
  'decoder-step': DecoderStep,
  'exposure-bias': ExposureBias,
  'decoding-search': DecodingSearch,
};
