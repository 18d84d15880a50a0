/**
 * The pretrained weights committed in public/snapshots/ (written by
 * `npm run train:snapshots`; see public/snapshots/README.md for seeds,
 * sizes, times and accuracy). Listed here so the page needs no directory
 * listing; tests/lib/lab-snapshots.test.ts checks the list against the folder.
 */

/** One committed snapshot. */
export interface SnapshotInfo {
  /** File name without .json. */
  readonly name: string;
  /** What it was trained on, for the picker. */
  readonly label: string;
}

/** Every committed snapshot, attention and no-attention pairs together. */
export const labSnapshots: readonly SnapshotInfo[] = [
  { name: 'reverse8-attention', label: 'Reverse 8 digits, Bahdanau attention (400 steps)' },
  { name: 'reverse8-none', label: 'Reverse 8 digits, no attention (400 steps)' },
  { name: 'reverse8-transformer', label: 'Reverse 8 digits, Transformer (125 steps)' },
  { name: 'reverse-curve-attention', label: 'Reverse 2–16 digits, Bahdanau attention (1000 steps)' },
  { name: 'reverse-curve-none', label: 'Reverse 2–16 digits, no attention (1000 steps)' },
  { name: 'translate-attention', label: 'English → French, Bahdanau attention (1500 steps)' },
];

/** The URL of a snapshot file under the site's base path. */
export function snapshotUrl(name: string, base = '/'): string {
  return `${base.replace(/\/?$/, '/')}snapshots/${encodeURIComponent(name)}.json`;
}
