import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/**
 * Chapters live in `content/NN-slug/index.mdx`. The folder name is the id;
 * its number orders the site and its slug becomes the URL.
 */
const chapterFields = z.object({
  title: z.string().min(1),
  /** One or two sentences for the contents list and the page description. */
  summary: z.string().min(1),
  /** Minutes a careful reader needs, widgets included. */
  readingTime: z.number().int().positive(),
  /** True for a numbered chapter; its printed number is its place among them (chapterNumbers). */
  numbered: z.boolean().optional(),
  /** Short label for the sidebar, when the title is long. */
  navTitle: z.string().optional(),
});

const chapters = defineCollection({
  loader: glob({
    pattern: '*/index.mdx',
    base: './content',
    generateId: ({ entry }) => entry.split('/')[0] ?? entry,
  }),
  schema: chapterFields,
});

/**
 * The Chinese edition: `content/NN-slug/index.zh.mdx` beside its English twin, same id (the folder), served at
 * /zh/<slug>/. `translatedFrom` is the first 12 hex digits of the sha256 of the English index.mdx it was
 * translated from, so the build can say when the English has changed since.
 */
const chaptersZh = defineCollection({
  loader: glob({
    pattern: '*/index.zh.mdx',
    base: './content',
    generateId: ({ entry }) => entry.split('/')[0] ?? entry,
  }),
  schema: chapterFields.extend({ translatedFrom: z.string().regex(/^[0-9a-f]{12}$/) }),
});

export const collections = { chapters, chaptersZh };
