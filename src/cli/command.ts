import type { ArgumentsCamelCase, Argv } from 'yargs';
import type { Progress } from './progress.js';

/** Where a command reads and writes; the real process streams in production, buffers in tests. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  /** True when stdout is a terminal (serve shows generated secrets only then); not for progress. */
  readonly isTTY: boolean;
  /**
   * How long-running commands report progress on stderr: a bar when stderr is a terminal, a
   * periodic status line when it is not (CI logs), or nothing. Never decided by stdout, which may
   * be a file (`--json > f.json`).
   */
  readonly progress: Progress;
}

/**
 * One subcommand, in two phases, so that bad input is refused before any work starts:
 *
 * - `prepare` checks everything — flags and their values, the scenario, a baseline, the output
 *   folder (made and probed) — and returns the plan. It does none of the work. Usage problems are
 *   thrown as `CliError('CLI_USAGE')` (exit 2), others with their own code (exit 1).
 * - `run` carries the plan out and returns the process exit code instead of calling
 *   process.exit, so that commands stay testable in-process and the CLI keeps a single place that
 *   decides how to exit.
 *
 * Its name and one-line description are in the list of commands (`CommandEntry`), so that the
 * CLI loads a command's modules only when it runs.
 */
export interface CliCommand<A = object, P = unknown> {
  readonly builder: (yargs: Argv) => Argv<A>;
  readonly prepare: (args: ArgumentsCamelCase<A>, io: CliIo) => Promise<P>;
  readonly run: (plan: P, io: CliIo) => Promise<number>;
}

export function defineCommand<A, P>(command: CliCommand<A, P>): CliCommand<A, P> {
  return command;
}

/**
 * A subcommand as `ccsim --help` lists it, and how to load it. Each command's module imports
 * what its work needs (the simulator, the server, the load replayer, ...), and under the
 * TypeScript loader every module costs start-up time and memory: `ccsim --version` took about
 * 1 s and 150-175 MB when all were loaded up front (0.3-0.4 s and 81-85 MB now), and a simulation
 * carried that memory to its end (docs/simulation.md, Performance).
 */
export interface CommandEntry {
  /** The yargs command string: the name, then its positionals. */
  readonly command: string;
  readonly describe: string;
  // biome-ignore lint/suspicious/noExplicitAny: each command has its own argument type
  readonly load: () => Promise<CliCommand<any, any>>;
}
