import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/**
 * Chapters live in `content/NN-slug/index.mdx`. The folder name is the id;
 * its number orders the site and its slug becomes the URL.
 */
const chapters = defineCollection({
  loader: glob({
    pattern: '*/index.mdx',
    base: './content',
    generateId: ({ entry }) => entry.split('/')[0] ?? entry,
  }),
  schema: z.object({
    title: z.string().min(1),
    /** One or two sentences for the contents list and the page description. */
    summary: z.string().min(1),
    /** Minutes a careful reader needs, widgets included. */
    readingTime: z.number().int().positive(),
    /** True for a numbered chapter; its printed number is its place among them (chapterNumbers). */
    numbered: z.boolean().optional(),
    /** Short label for the sidebar, when the title is long. */
    navTitle: z.string().optional(),
  }),
});

export const collections = { chapters };
