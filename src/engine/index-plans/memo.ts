/**
 * Index plans by their shapes. Training asks for the same few plans on
 * every step (the lab's reversal model: 989 requests a step, 31 distinct
 * plans), and building one allocates index arrays as long as the tensor,
 * so they are kept. Plans are read-only. Plans of large tensors are not
 * kept (their arithmetic outweighs the plan), and the store is emptied when
 * it fills, so ever-changing sizes cannot grow it without bound.
 */
export class PlanMemo<P> {
  readonly #plans = new Map<string, P>();
  readonly #maxPlans: number;
  readonly #maxSize: number;

  constructor(maxPlans = 256, maxSize = 1 << 16) {
    this.#maxPlans = maxPlans;
    this.#maxSize = maxSize;
  }

  /** The plan under `key`, made by `make` when it is not kept yet; `size` tells the length of its index arrays. */
  get(key: string, make: () => P, size: (plan: P) => number): P {
    const kept = this.#plans.get(key);
    if (kept !== undefined) return kept;
    const plan = make();
    if (size(plan) <= this.#maxSize) {
      if (this.#plans.size >= this.#maxPlans) this.#plans.clear();
      this.#plans.set(key, plan);
    }
    return plan;
  }
}
