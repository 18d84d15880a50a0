import { describe, expect, it } from 'vitest';
import { widgetById } from '../../components/widgets/registry.ts';
import { loadAll } from '../../src/lib/exercises/catalog.ts';
import { modelAt } from '../../src/lib/exercises/model-at.ts';
import type { AnyChallenge, ChallengeWidget, Exercise } from '../../src/lib/exercises/schema.ts';
import { challengeModels } from './exercise-models.ts';

const chapters = await loadAll();
const all: Exercise[] = chapters.flatMap((c) => c.exercises);
const challenges = all.filter((e): e is AnyChallenge => e.kind === 'challenge');
/** Challenges solved by training (the lab): tests/components/lab-exercise.test.ts trains them. */
const trained = (c: AnyChallenge) => c.widget === 'training-lab';

/** A fresh model of the challenge's widget at `state` over its defaults, as "Set up" or "Show me" leaves it. */
function at(c: AnyChallenge, state: object) {
  const entry = challengeModels[c.widget as ChallengeWidget];
  if (!entry) throw new Error(`tests/components/exercise-models.ts does not build ${c.widget}`);
  return modelAt(entry.make, entry.fields, state);
}

describe('exercises', () => {
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
});
