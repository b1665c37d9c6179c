import yargs, { type Argv } from 'yargs';
import { didYouMean } from '../scenario/didYouMean.js';
import { CliError, describeError } from './cliError.js';
import type { CliCommand, CliIo } from './command.js';
import { commands } from './commands/index.js';
import { ExitCode } from './exitCodes.js';
import { progressFor, progressMode } from './progress.js';
import { usageError } from './usage.js';

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
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    progress: progressFor(progressMode(process.env, Boolean(process.stderr.isTTY)), process.stderr),
  };
}

/** What the command being parsed accepts, for the wording of yargs' complaints. */
interface Context {
  readonly name: string;
  readonly positionals: readonly string[];
  readonly flags: readonly string[];
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * yargs' messages in the CLI's one wording: `missing <scenario>`, `missing --model`,
 * `unknown flag --replicaitons (did you mean --replications?)`, `--model must be one of c, a`.
 */
export function rewordUsage(message: string, context: Context | null, argv: readonly string[]) {
  const notEnough = /^Not enough non-option arguments: got (\d+), need at least (\d+)/.exec(
    message,
  );
  if (notEnough && context) {
    const names = context.positionals.slice(Number(notEnough[1]), Number(notEnough[2]));
    return `missing ${names.map((n) => `<${n}>`).join(' ')} (usage: ccsim ${context.name} [options])`;
  }
  const required = /^Missing required arguments?: (.+)$/.exec(message);
  if (required) {
    const flags = required[1]!
      .split(', ')
      .map((f) => `--${kebab(f)}`)
      .join(', ');
    return `missing ${flags}${context ? ` (usage: ccsim ${context.name} [options])` : ''}`;
  }
  const recommended = /^Did you mean (\S+)\?$/.exec(message);
  if (recommended) {
    return `unknown command "${argv[0]}" (did you mean ${recommended[1]}?)`;
  }
  const command = /^Unknown commands?: (.+)$/.exec(message);
  if (command) {
    const name = command[1]!.split(', ')[0];
    return context === null
      ? `unknown command "${name}"; \`ccsim --help\` lists the commands`
      : `unexpected argument "${name}" (usage: ccsim ${context.name} [options])`;
  }
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown && context === null) {
    return `unknown command "${unknown[1]!.split(', ')[0]}"; \`ccsim --help\` lists the commands`;
  }
  if (unknown) {
    const names = [...new Set(unknown[1]!.split(', ').map(kebab))];
    const parts = names.map((name) => {
      const typed = argv.find(
        (a) =>
          a === `--${name}` ||
          a.startsWith(`--${name}=`) ||
          a === `--no-${name}` ||
          a === `-${name}`,
      );
      if (typed === undefined) return `unexpected argument "${name}"`;
      const flag = typed.split('=')[0]!;
      const near = context ? didYouMean(flag.replace(/^-+/, ''), context.flags) : undefined;
      return `unknown flag ${flag}${near ? ` (did you mean --${near}?)` : ''}`;
    });
    return parts.join('; ');
  }
  const choices = /^Invalid values:\s+Argument: (\S+), Given: (.+), Choices: (.+)$/s.exec(message);
  if (choices) {
    const options = choices[3]!.split(', ').map((c) => c.replace(/^"|"$/g, ''));
    return `--${kebab(choices[1]!)} must be one of ${options.join(', ')}; got ${choices[2]!.trim()}`;
  }
  return message;
}

/**
 * What was typed for a flag yargs read as a number and got NaN for (`--arrivals abc`), so a bad
 * value is shown back as typed: `--arrivals must be a number >= 0, got "abc"`.
 */
export function typedValue(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith(`--${flag}=`)) return a.slice(flag.length + 3);
    if (a === `--${flag}` && i + 1 < argv.length) return argv[i + 1];
  }
  return undefined;
}

/** Parses `argv`, runs one subcommand and returns the exit code; never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = ExitCode.ok;
  let context: Context | null = null;

  const parser = yargs([...argv])
    .scriptName('ccsim')
    .usage('$0 <command> [options]\n\nSimulate and load-test a contact center WhatsApp channel.')
    .strict()
    .strictCommands()
    .demandCommand(
      1,
      'missing <command> (usage: ccsim <command> [options]; `ccsim --help` lists them)',
    )
    .recommendCommands()
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      // Throwing stops yargs before the command's handler: nothing runs on bad input.
      if (err) throw err;
      throw usageError(rewordUsage(msg, context, argv));
    })
    .epilog(
      'Docs: README.md, docs/. Exit codes: 0 ok, 1 error, 2 usage, 3 simulation check failed, ' +
        '99 threshold or regression failed.',
    );

  for (const entry of commands) {
    // Set by the builder, which yargs runs only for the command on the command line.
    // biome-ignore lint/suspicious/noExplicitAny: each command has its own argument type
    let command: CliCommand<any, any> | null = null;
    parser.command({
      command: entry.command,
      describe: entry.describe,
      builder: async (y: Argv) => {
        command = await entry.load();
        const built = command.builder(y);
        const options = (
          built as unknown as { getOptions(): { key: Record<string, unknown> } }
        ).getOptions();
        context = {
          name: entry.command,
          positionals: [...entry.command.matchAll(/<([^>.]+)(?:\.\.\.)?>/g)].map((m) => m[1]!),
          flags: Object.keys(options.key)
            .filter((k) => k !== '$0' && k !== '_')
            .map(kebab),
        };
        return built;
      },
      handler: async (args) => {
        for (const [key, value] of Object.entries(args)) {
          if (typeof value === 'number' && Number.isNaN(value)) {
            args[key] = typedValue(argv, kebab(key)) ?? value;
          }
        }
        const plan = await command!.prepare(args, io);
        exitCode = await command!.run(plan, io);
      },
    });
  }

  try {
    let helpOutput = '';
    await parser.parseAsync([...argv], {}, (_err, _args, output) => {
      helpOutput = output;
    });
    if (helpOutput) io.stdout.write(`${helpOutput}\n`);
    return exitCode;
  } catch (err) {
    const { code, message } = describeError(err);
    io.stderr.write(`error ${code}: ${message}\n`);
    if (code === 'INTERNAL' && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return err instanceof CliError && code === 'CLI_USAGE' ? ExitCode.usage : ExitCode.error;
  }
}
