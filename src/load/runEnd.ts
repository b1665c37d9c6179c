import type { RunInfo } from './summary.js';

const POLL_MS = 200;
const PROGRESS_MS = 500;

/**
 * Waits until the run is over: interrupted by the signal, past its hard end (the horizon and
 * drain, or the --duration cap), or quiet (every message sent and every conversation final, as
 * `quiet` decides). Reports progress every half second meanwhile.
 */
export async function waitForEnd(w: {
  readonly hardEnd: number;
  readonly durationCapped: boolean;
  readonly now: () => number;
  readonly signal: AbortSignal | undefined;
  readonly quiet: () => Promise<boolean>;
  readonly progress: () => void;
}): Promise<RunInfo['endReason']> {
  let lastProgress = 0;
  for (;;) {
    if (w.signal?.aborted) return 'interrupted';
    const t = w.now();
    if (t >= w.hardEnd) return w.durationCapped ? 'duration' : 'horizon';
    if (t - lastProgress >= PROGRESS_MS) {
      lastProgress = t;
      w.progress();
    }
    if (await w.quiet()) return 'completed';
    await delay(Math.min(POLL_MS, Math.max(1, w.hardEnd - w.now())), w.signal);
  }
}

/** Resolves after `ms` real milliseconds, or at once when the signal aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
