import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAll, slugOfPath } from '~components/exercises/catalog.ts';
import { modelAt } from '~components/exercises/model-at.ts';
import type { AnyChallenge, ChallengeWidget, Exercise } from '~components/exercises/schema.ts';
import { widgetById } from '~components/widgets/registry.ts';
import bench from '../../../bench/results/latest.json';
import { challengeModels } from './exercise-models.ts';

const chapters = await loadAll();
const all: Exercise[] = chapters.flatMap((c) => c.exercises);
const challenges = all.filter((e): e is AnyChallenge => e.kind === 'challenge');
/** Challenges solved by training (the lab): tests/components/widgets/lab/exercise.test.ts trains them. */
const trained = (c: AnyChallenge) => c.widget === 'training-lab';

/** A fresh model of the challenge's widget at `state` over its defaults, as "Set up" or "Show me" leaves it. */
function at(c: AnyChallenge, state: object) {
  const entry = challengeModels[c.widget as ChallengeWidget];
  if (!entry) throw new Error(`tests/components/exercises/exercise-models.ts does not build ${c.widget}`);
  return modelAt(entry.make, entry.fields, state);
}

/** Pages in content/ that are not chapters of the course, and why they carry no exercises. */
const withoutExercises: Record<string, string> = {
  notation: 'a reference of conventions, no widget',
  teaching: 'how to embed widgets in slides; its widget is the start-here softmax',
};

describe('exercises', () => {
  it('every chapter in content/ has at least three exercises (except the pages listed above)', () => {
    const slugs = readdirSync(new URL('../../../content/', import.meta.url), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => slugOfPath(`content/${d.name}/exercises.ts`));
    const counts = new Map(chapters.map((c) => [c.chapter, c.exercises.length]));
    const short = slugs.filter((s) => !(s in withoutExercises) && (counts.get(s) ?? 0) < 3);
    expect(short, 'chapters with fewer than three exercises').toEqual([]);
  });

  it('every id is unique on the site and every challenge names a registered widget', () => {
    const ids = all.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of challenges) expect(widgetById(c.widget), c.id).toBeDefined();
  });

  it.each(challenges.filter((c) => !trained(c)).map((c) => [c.id, c] as const))(
    '%s: check passes on its solution, fails on its start and on the defaults',
    (_id, c) => {
      // biome-ignore lint/suspicious/noExplicitAny: each challenge's model comes from its own widget id.
      const check = c.check as (m: any) => { solved: boolean; detail: string };
      const solved = check(at(c, c.solution));
      expect(solved.solved, solved.detail).toBe(true);
      const start = check(at(c, c.start));
      expect(start.solved, start.detail).toBe(false);
      expect(check(at(c, {})).solved).toBe(false);
    },
  );

  it.each(all.filter((e) => e.kind === 'predict').map((e) => [e.id, e] as const))(
    '%s: the expected answer is computed and finite',
    (_id, e) => {
      if (e.kind !== 'predict') return;
      const a = e.answer;
      if (a.type === 'number') expect(Number.isFinite(a.value())).toBe(true);
      else {
        const k = a.correct();
        expect(k).toBeGreaterThanOrEqual(0);
        expect(k).toBeLessThan(a.options.length);
      }
    },
  );

  it('performance predictions agree with the results file read directly (which side is faster)', () => {
    const w = bench.engine.workloads.find((x) => x.workload === 'lstm-16');
    const ms = (impl: string) => w?.impls.find((i) => i.impl === impl)?.stepMedian ?? Number.NaN;
    const side = (mine: number, theirs: number) => (mine < 0.9 * theirs ? 0 : mine <= 1.1 * theirs ? 1 : 2);
    const answer = (id: string) => {
      const e = all.find((x) => x.id === id);
      return e?.kind === 'predict' && e.answer.type !== 'number' ? e.answer.correct() : undefined;
    };
    const bestTf = Math.min(ms('tfjs-cpu'), ms('tfjs-wasm'), ms('tfjs-webgl'));
    expect(answer('performance-small-step')).toBe(side(ms('stepwise-cpu'), bestTf));
    expect(answer('performance-software-gpu')).toBe(side(ms('stepwise-webgl2'), ms('stepwise-cpu')));
  });

  it.each(['self-attention-look-at-a', 'positions-masks-causal-average'])(
    '%s: its solution does not count under another normaliser than softmax',
    (id) => {
      const c = challenges.find((e) => e.id === id);
      if (c === undefined) throw new Error(`no challenge ${id}`);
      // biome-ignore lint/suspicious/noExplicitAny: both read the self-attention widget's model.
      const check = c.check as (m: any) => { solved: boolean; detail: string };
      const v = check(at(c, { ...c.solution, n: 'sparsemax' }));
      expect(v.solved, v.detail).toBe(false);
      expect(v.detail).toContain('choose softmax');
    },
  );
});
