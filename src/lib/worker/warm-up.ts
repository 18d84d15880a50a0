/**
 * Runs a worker's first real piece of work again while the worker has nothing else to do, so the code a reader's
 * next edits run is already compiled. V8 compiles a function for speed only after many calls: a decode of the
 * translator took 6 ms in each of its first 5 calls, 2.4 ms over the next 30 and 1.1 ms after 400 (Node, 7
 * December), and a reader's first edits all fell in that slow stretch, each answered a frame late.
 *
 * One repetition per task (a timer), so a request from the page waits behind at most one of them; stops after
 * `times` repetitions, after `budgetMs` of work in all, or at the first error (the work is the reader's own request,
 * which succeeded, so an error means something changed under it).
 */
export function warmUp(work: () => void, { times = 200, budgetMs = 400 } = {}): void {
  let spent = 0;
  let left = times;
  const again = () => {
    const start = performance.now();
    try {
      work();
    } catch {
      return;
    }
    spent += performance.now() - start;
    left -= 1;
    if (left > 0 && spent < budgetMs) setTimeout(again, 0);
  };
  setTimeout(again, 0);
}
