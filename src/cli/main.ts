import yargs from 'yargs';
import { describeError } from './cliError.js';
import type { CliIo } from './command.js';
import { commands } from './commands/index.js';
import { ExitCode } from './exitCodes.js';

function processIo(): CliIo {
  // `ccsim ... | head` closes stdout early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(ExitCode.ok);
    throw err;
  });
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
  };
}

/** Parses `argv`, runs one subcommand and returns the exit code; never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = ExitCode.ok;
  let usageError: string | undefined;

  const parser = yargs([...argv])
    .scriptName('ccsim')
    .usage('$0 <command> [options]\n\nSimulate and load-test a contact center WhatsApp channel.')
    .strict()
    .strictCommands()
    .demandCommand(1, 'Name a command; `ccsim --help` lists them.')
    .recommendCommands()
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      if (err) throw err;
      usageError = msg;
    })
    .epilog(
      'Docs: README.md, docs/. Exit codes: 0 ok, 1 error, 2 usage, 3 simulation check failed, ' +
        '99 threshold or regression failed.',
    );

  for (const command of commands) {
    parser.command({
      command: command.command,
      describe: command.describe,
      builder: command.builder,
      handler: async (args) => {
        exitCode = await command.run(args, io);
      },
    });
  }

  try {
    let helpOutput = '';
    await parser.parseAsync([...argv], {}, (_err, _args, output) => {
      helpOutput = output;
    });
    if (usageError !== undefined) {
      io.stderr.write(`error CLI_USAGE: ${usageError}\n`);
      return ExitCode.usage;
    }
    if (helpOutput) io.stdout.write(`${helpOutput}\n`);
    return exitCode;
  } catch (err) {
    if (usageError !== undefined) {
      io.stderr.write(`error CLI_USAGE: ${usageError}\n`);
      return ExitCode.usage;
    }
    const { code, message } = describeError(err);
    io.stderr.write(`error ${code}: ${message}\n`);
    if (code === 'INTERNAL' && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return ExitCode.error;
  }
}
