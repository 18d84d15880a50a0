/**
 * The pretrained weights committed in public/snapshots/ (written by
 * `npm run train:snapshots`; see public/snapshots/README.md for seeds,
 * sizes, times and accuracy). Listed here so the page needs no directory
 * listing; tests/lib/lab-snapshots.test.ts checks the list against the folder.
 */

import { m } from '~lib/i18n/messages.ts';

/** One committed snapshot. */
export interface SnapshotInfo {
  /** File name without .json. */
  readonly name: string;
  /** What it was trained on, for the picker (a message: called while rendering, in the page's language). */
  readonly label: () => string;
}

/** Every committed snapshot, attention and no-attention pairs together. */
export const labSnapshots: readonly SnapshotInfo[] = [
  { name: 'reverse8-attention', label: m.widget_training_lab_snapshot_reverse8_attention },
  { name: 'reverse8-none', label: m.widget_training_lab_snapshot_reverse8_none },
  { name: 'reverse8-transformer', label: m.widget_training_lab_snapshot_reverse8_transformer },
  { name: 'reverse-curve-attention', label: m.widget_training_lab_snapshot_reverse_curve_attention },
  { name: 'reverse-curve-none', label: m.widget_training_lab_snapshot_reverse_curve_none },
  { name: 'translate-attention', label: m.widget_training_lab_snapshot_translate_attention },
];

/** The URL of a snapshot file under the site's base path. */
export function snapshotUrl(name: string, base = '/'): string {
  return `${base.replace(/\/?$/, '/')}snapshots/${encodeURIComponent(name)}.json`;
}
