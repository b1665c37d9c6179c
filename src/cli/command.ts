import type { ArgumentsCamelCase, Argv } from 'yargs';

/** Where a command reads and writes; the real process streams in production, buffers in tests. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** True when stdout is a terminal: progress bars and colours only then. */
  readonly isTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * One subcommand. `run` returns the process exit code instead of calling process.exit, so that
 * commands stay testable in-process and the CLI keeps a single place that decides how to exit.
 */
export interface CliCommand<A = object> {
  readonly command: string;
  readonly describe: string;
  readonly builder: (yargs: Argv) => Argv<A>;
  readonly run: (args: ArgumentsCamelCase<A>, io: CliIo) => Promise<number>;
}

export function defineCommand<A>(command: CliCommand<A>): CliCommand<A> {
  return command;
}
