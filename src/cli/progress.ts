import cliProgress from 'cli-progress';

/**
 * Progress of a long command on stderr. At a terminal a bar redrawn in place; without one (CI
 * logs, `2> file`) one status line every few seconds, as k6 prints in non-interactive mode, so
 * that a log shows the run is alive and how far it got. Whether progress appears depends on
 * stderr alone: `simulate --json > f.json` at a terminal still shows the bar.
 */
export interface ProgressTask {
  /** `done` of the task's total so far, and a short status after the count. */
  update(done: number, status?: string): void;
  /** A new total, when the work turns out to be more or less than announced. */
  setTotal(total: number): void;
  /** Ends the task: a bar is cleared; in line mode nothing more is printed. Idempotent. */
  stop(): void;
}

export interface Progress {
  /**
   * `name` leads every line; `unit` names what is counted ("replications"). A total of 0 is
   * unknown: the count and the status are shown without a share or an ETA.
   */
  start(name: string, total: number, unit: string): ProgressTask;
}

export type ProgressMode = 'bar' | 'lines' | 'off';

const silent: ProgressTask = { update() {}, setTotal() {}, stop() {} };

export const noProgress: Progress = { start: () => silent };

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(s % 60).padStart(2, '0')}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** "~40s left" from the rate so far; nothing before the first unit is done. */
export function etaText(done: number, total: number, elapsedMs: number): string {
  if (done <= 0 || total <= done) return '';
  return `~${seconds((elapsedMs * (total - done)) / done)} left`;
}

/** One line per `everyMs` (and none for tasks that end before the first): `name 3/10 unit ...`. */
export function lineProgress(
  stream: NodeJS.WritableStream,
  options: { readonly everyMs: number; readonly now?: () => number },
): Progress {
  const now = options.now ?? (() => performance.now());
  return {
    start(name, total, unit) {
      const started = now();
      let done = 0;
      let status = '';
      let all = total;
      const line = () => {
        const elapsed = now() - started;
        const count =
          all > 0
            ? `${done}/${all} ${unit} (${Math.min(100, Math.floor((100 * done) / all))}%)`
            : `${done} ${done === 1 ? unit.replace(/^(\w+)s\b/, '$1') : unit}`;
        const eta = etaText(done, all, elapsed);
        stream.write(
          `${name}: ${count}, ${seconds(elapsed)} elapsed${eta ? `, ${eta}` : ''}${status ? ` | ${status}` : ''}\n`,
        );
      };
      const timer = setInterval(line, options.everyMs);
      timer.unref();
      return {
        update(value, text) {
          done = value;
          if (text !== undefined) status = text;
        },
        setTotal(value) {
          all = value;
        },
        stop() {
          clearInterval(timer);
        },
      };
    },
  };
}

/** A cli-progress bar on a terminal, cleared when the task ends. */
export function barProgress(stream: NodeJS.WritableStream): Progress {
  return {
    start(name, total, unit) {
      const bar = new cliProgress.SingleBar(
        {
          stream: stream as NodeJS.WriteStream,
          format:
            total > 0
              ? `${name} {bar} {value}/{total} ${unit} | {duration_formatted} | {eta_text} {status}`
              : `${name} {value} ${unit} | {duration_formatted} | {status}`,
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      const started = performance.now();
      let all = total;
      let stopped = false;
      bar.start(Math.max(1, total), 0, { status: '', eta_text: '' });
      return {
        update(done, status) {
          if (stopped) return;
          const eta = etaText(done, all, performance.now() - started);
          bar.update(done, { eta_text: eta, ...(status !== undefined ? { status } : {}) });
        },
        setTotal(value) {
          all = value;
          if (!stopped) bar.setTotal(value);
        },
        stop() {
          if (stopped) return;
          stopped = true;
          bar.stop();
        },
      };
    },
  };
}

/** The mode for a process: CCSIM_PROGRESS (bar, lines, off) wins, else stderr decides. */
export function progressMode(env: NodeJS.ProcessEnv, stderrIsTTY: boolean): ProgressMode {
  const asked = env.CCSIM_PROGRESS;
  if (asked === 'bar' || asked === 'lines' || asked === 'off') return asked;
  return stderrIsTTY ? 'bar' : 'lines';
}

/** Every 10 s without a terminal: often enough for a CI log, rare enough not to flood it. */
export const LINE_EVERY_MS = 10_000;

export function progressFor(mode: ProgressMode, stream: NodeJS.WritableStream): Progress {
  if (mode === 'bar') return barProgress(stream);
  if (mode === 'lines') return lineProgress(stream, { everyMs: LINE_EVERY_MS });
  return noProgress;
}
