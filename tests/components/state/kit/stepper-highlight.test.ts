import { describe, expect, it, vi } from 'vitest';
import { HighlightState } from '~components/state/kit/highlight.svelte.ts';
import { type Clock, StepperState, stepperKey } from '~components/state/kit/stepper.svelte.ts';

describe('HighlightState', () => {
  it('point(symbol, index) lights that entry; release() ends it', () => {
    const h = new HighlightState();
    h.point('W', '0,1');
    expect(h.isEntryLit('W', '0,1')).toBe(true);
    expect(h.isEntryLit('W', '1,1')).toBe(false);
    expect(h.isLit('W')).toBe(true);
    h.release();
    expect(h.active).toBeUndefined();
  });
  it('togglePin(symbol) keeps a symbol lit after release and lights every entry of it', () => {
    const h = new HighlightState();
    h.togglePin('z');
    h.point('W');
    h.release();
    expect(h.isEntryLit('z', '3,0')).toBe(true);
    h.togglePin('z');
    expect(h.active).toBeUndefined();
  });
});

const steps = ['r_t', 'z_t', 'h̃_t', 'h_t'].map((id) => ({ id, label: id }));

function manualClock(reduced = false): Clock & { tick(): void } {
  let fn: (() => void) | undefined;
  return {
    every: (_ms, tick) => {
      fn = tick;
      return () => {
        fn = undefined;
      };
    },
    reducedMotion: () => reduced,
    tick: () => fn?.(),
  };
}

describe('StepperState', () => {
  it('next(), prev(), goTo() and reset() walk the steps, clamped to the list', () => {
    const s = new StepperState(steps, { clock: manualClock() });
    s.next();
    expect(s.counter).toBe('step 2 of 4 · z_t');
    s.goTo(99);
    expect(s.atEnd).toBe(true);
    s.next();
    expect(s.index).toBe(3);
    s.prev();
    expect(s.current?.id).toBe('h̃_t');
    s.reset();
    expect(s.atStart).toBe(true);
  });
  it('play() advances one step per tick and stops at the last step', () => {
    const clock = manualClock();
    const s = new StepperState(steps, { clock });
    s.play();
    expect(s.playing).toBe(true);
    clock.tick();
    clock.tick();
    clock.tick();
    expect(s.index).toBe(3);
    expect(s.playing).toBe(false);
  });
  it('play() with prefers-reduced-motion jumps to the last step without a timer', () => {
    const clock = manualClock(true);
    const every = vi.spyOn(clock, 'every');
    const s = new StepperState(steps, { clock });
    s.play();
    expect(s.index).toBe(3);
    expect(s.playing).toBe(false);
    expect(every).not.toHaveBeenCalled();
  });
  it('stepperKey(→ ← Home End Space) steps, and leaves keys typed into a field alone', () => {
    const s = new StepperState(steps, { clock: manualClock() });
    const key = (k: string, target: EventTarget | null = null) => {
      const e = { key: k, target, altKey: false, ctrlKey: false, metaKey: false, preventDefault: vi.fn() };
      return stepperKey(s, e as unknown as KeyboardEvent);
    };
    expect(key('ArrowRight')).toBe(true);
    expect(key('ArrowRight')).toBe(true);
    expect(s.index).toBe(2);
    key('ArrowLeft');
    expect(s.index).toBe(1);
    key('End');
    expect(s.atEnd).toBe(true);
    key('Home');
    expect(s.index).toBe(0);
    key(' ');
    expect(s.playing).toBe(true);
    key(' ');
    expect(s.playing).toBe(false);
    expect(key('x')).toBe(false);
  });
});
