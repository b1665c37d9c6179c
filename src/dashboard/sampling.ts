/**
 * Calls `sample` every `stepMs` of real time, one call at a time (a slow sample delays the next
 * rather than piling up), with the step it covers. The timer does not keep the process alive.
 */
export function startSampling(
  stepMs: number,
  sample: (at: number, stepMs: number) => void | Promise<void>,
  onError: (err: unknown) => void,
): { stop(): Promise<void>; now(): Promise<void> } {
  let last = Date.now();
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = running.then(async () => {
      if (stopped) return;
      const at = Date.now();
      const step = at - last;
      last = at;
      try {
        await sample(at, step);
      } catch (err) {
        onError(err);
      }
    });
    return running;
  };
  const timer = setInterval(tick, stepMs);
  timer.unref();
  return {
    /** A last sample now (the end of a run), after any one in progress. */
    now: tick,
    async stop() {
      clearInterval(timer);
      await running;
      stopped = true;
    },
  };
}
