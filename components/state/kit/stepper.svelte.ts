import { m } from '~lib/i18n/messages.ts';

/** One step of a walk through a formula: an id (a symbol such as `r_t`) and what the counter says. */
export interface Step {
  readonly id: string;
  readonly label: string;
}

/** How the stepper waits between steps while playing; injectable so tests run without real time. */
export interface Clock {
  every(ms: number, tick: () => void): () => void;
  reducedMotion(): boolean;
}

/** The browser's clock: setInterval, and the reader's prefers-reduced-motion setting. */
export const browserClock: Clock = {
  every(ms, tick) {
    const id = setInterval(tick, ms);
    return () => clearInterval(id);
  },
  reducedMotion: () => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false,
};

/**
 * Walks an ordered list of steps so each formula lights up in turn: previous,
 * next, reset, go to, and play (one step per `intervalMs`, stopping at the
 * end). With reduced motion, play jumps straight to the last step.
 */
export class StepperState<S extends Step = Step> {
  #steps = $state<readonly S[]>([]);
  #index = $state(0);
  #playing = $state(false);
  #stop: (() => void) | undefined;
  readonly #clock: Clock;
  readonly #intervalMs: number;

  constructor(steps: readonly S[], options: { clock?: Clock; intervalMs?: number; start?: number } = {}) {
    this.#steps = steps;
    this.#clock = options.clock ?? browserClock;
    this.#intervalMs = options.intervalMs ?? 900;
    this.goTo(options.start ?? 0);
  }

  /** The steps, in order. */
  get steps(): readonly S[] {
    return this.#steps;
  }

  /** The current step's position, 0-based. */
  get index(): number {
    return this.#index;
  }

  /** The current step (undefined only when there are no steps). */
  get current(): S | undefined {
    return this.#steps[this.#index];
  }

  /** True while playing. */
  get playing(): boolean {
    return this.#playing;
  }

  /** True at the first step. */
  get atStart(): boolean {
    return this.#index === 0;
  }

  /** True at the last step. */
  get atEnd(): boolean {
    return this.#index >= this.#steps.length - 1;
  }

  /** "step 2 of 6 · r_t". */
  get counter(): string {
    const s = this.current;
    if (s === undefined) return m.part_stepper_none();
    return m.part_stepper_counter({ current: this.#index + 1, total: this.#steps.length, label: s.label });
  }

  /** Handles a stepper key pressed in its widget (stepperKey); true when it did. */
  key(e: KeyboardEvent): boolean {
    return stepperKey(this, e);
  }

  /** Replaces the steps (e.g. a longer sequence), keeping the position when it still exists. */
  setSteps(steps: readonly S[]): void {
    this.#steps = steps;
    this.goTo(this.#index);
  }

  /** Moves to step `i`, clamped to the list. */
  goTo(i: number): void {
    const last = Math.max(0, this.#steps.length - 1);
    this.#index = Math.max(0, Math.min(last, Math.trunc(Number.isFinite(i) ? i : 0)));
  }

  /** One step forward; stops playing at the end. */
  next(): void {
    this.goTo(this.#index + 1);
  }

  /** One step back. */
  prev(): void {
    this.pause();
    this.goTo(this.#index - 1);
  }

  /** Back to the first step, not playing. */
  reset(): void {
    this.pause();
    this.#index = 0;
  }

  /** Plays from here (from the start when at the end); with reduced motion, shows the last step at once. */
  play(): void {
    if (this.#playing) return;
    if (this.#clock.reducedMotion()) {
      this.goTo(this.#steps.length - 1);
      return;
    }
    if (this.atEnd) this.#index = 0;
    this.#playing = true;
    this.#stop = this.#clock.every(this.#intervalMs, () => {
      this.next();
      if (this.atEnd) this.pause();
    });
  }

  /** Stops playing where it is. */
  pause(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.#playing = false;
  }

  /** Play when paused, pause when playing. */
  toggle(): void {
    if (this.#playing) this.pause();
    else this.play();
  }
}

/** True when a key belongs to the focused control: fields, sliders and grids keep arrows; buttons keep Space. */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  if (target.closest('input, textarea, select, [contenteditable], [role="grid"], [role="slider"]')) return true;
  return key === ' ' && target.closest('button, summary, a') !== null;
}

/**
 * Keyboard for a widget with a stepper: ← previous, → next, Space play/pause,
 * Home first step, End last. Keys typed into a field or grid stay with it.
 * Returns true when it handled the key.
 */
export function stepperKey(stepper: StepperState, e: KeyboardEvent): boolean {
  if (e.altKey || e.ctrlKey || e.metaKey || ownsKey(e.target, e.key)) return false;
  const actions: Record<string, () => void> = {
    ArrowLeft: () => stepper.prev(),
    ArrowRight: () => {
      stepper.pause();
      stepper.next();
    },
    ' ': () => stepper.toggle(),
    Home: () => stepper.reset(),
    End: () => {
      stepper.pause();
      stepper.goTo(stepper.steps.length - 1);
    },
  };
  const action = actions[e.key];
  if (!action) return false;
  e.preventDefault();
  action();
  return true;
}
