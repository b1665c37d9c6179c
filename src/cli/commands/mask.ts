import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { Argv } from 'yargs';
import {
  ALL_KINDS,
  createMasker,
  isSensitiveKind,
  type Masker,
  type SensitiveKind,
} from '../../masking/index.js';
import { CliError } from '../cliError.js';
import { defineCommand } from '../command.js';
import { ExitCode } from '../exitCodes.js';
import { usageError } from '../usage.js';

function builder(yargs: Argv) {
  return yargs
    .usage(
      '$0 mask [file...] [--kinds email,iban,card,ssn,phone] [--json]\n' +
        '$0 mask [--kinds ...] [--json] < messages.txt\n\n' +
        'Masks customer-sensitive data (SPEC R9-R13) in the files given, or in standard input when\n' +
        'there are none, line by line, and writes the result to standard output with the line\n' +
        'breaks as they were.',
    )
    .positional('file', {
      type: 'string',
      array: true,
      describe: 'Files to mask, in order (default: standard input)',
    })
    .option('kinds', {
      type: 'string',
      describe: `Comma-separated kinds to mask (default: all of ${ALL_KINDS.join(', ')})`,
    })
    .option('json', {
      type: 'boolean',
      default: false,
      describe:
        'One JSON object per line: {"masked", "spans": [{kind, start, end}]}; offsets are UTF-16 ' +
        'code units into the line without its line break',
    })
    .example("echo '+447966197542' | $0 mask", 'prints *********7542')
    .example('$0 mask chat.log', 'the file, masked, on stdout')
    .example('$0 mask --kinds email,phone --json < chat.log', 'spans of e-mails and phones');
}

/** `--kinds` as given (repeated flags are joined), checked against the known kinds. */
export function parseKinds(value: string | string[] | undefined): SensitiveKind[] | undefined {
  if (value === undefined) return undefined;
  const names = [value]
    .flat()
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v.length > 0);
  if (names.length === 0) {
    throw usageError(`--kinds lists no kind; choose from ${ALL_KINDS.join(', ')}`);
  }
  for (const name of names) {
    if (!isSensitiveKind(name)) {
      throw usageError(`unknown kind "${name}" in --kinds; choose from ${ALL_KINDS.join(', ')}`);
    }
  }
  return [...new Set(names as SensitiveKind[])];
}

function formatLine(masker: Masker, line: string, json: boolean): string {
  if (!json) return masker.mask(line);
  const spans = masker.find(line).map(({ kind, start, end }) => ({ kind, start, end }));
  return JSON.stringify({ masked: masker.mask(line), spans });
}

async function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (text.length > 0 && !out.write(text)) await once(out, 'drain');
}

/** The files to read, each checked now: a missing one is refused before any output. */
async function checkFiles(files: readonly string[]): Promise<void> {
  for (const file of files) {
    let isFile = false;
    try {
      isFile = (await stat(file)).isFile();
    } catch {
      throw new CliError(
        'MASK_FILE_NOT_FOUND',
        `${file}: no such file (mask reads the files given, or stdin)`,
      );
    }
    if (!isFile) throw new CliError('MASK_FILE_NOT_FOUND', `${file}: not a file`);
  }
}

export const maskCommand = defineCommand({
  builder,
  prepare: async (args) => {
    const kinds = parseKinds(args.kinds as string | string[] | undefined);
    const files = ((args.file as unknown[] | undefined) ?? []).map(String);
    await checkFiles(files);
    return { kinds, files, json: args.json };
  },
  run: async ({ kinds, files, json }, io) => {
    const masker = createMasker(kinds === undefined ? undefined : { kinds });
    const decoder = new StringDecoder('utf8');
    let pending = '';

    // Each chunk of input is answered as soon as its complete lines are masked; only a line that
    // has not ended yet waits for the next chunk.
    const flushLines = async (text: string) => {
      let out = '';
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        const crlf = nl > from && text.charCodeAt(nl - 1) === 0x0d;
        const line = text.slice(from, crlf ? nl - 1 : nl);
        out += formatLine(masker, line, json) + (json ? '\n' : crlf ? '\r\n' : '\n');
        from = nl + 1;
      }
      await write(io.stdout, out);
      return text.slice(from);
    };

    const inputs: NodeJS.ReadableStream[] =
      files.length === 0 ? [io.stdin] : files.map((f) => createReadStream(f));
    for (const input of inputs) {
      for await (const chunk of input) {
        const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
        pending = await flushLines(pending + text);
      }
    }
    pending += decoder.end();
    if (pending.length > 0) {
      await write(io.stdout, formatLine(masker, pending, json) + (json ? '\n' : ''));
    }
    return ExitCode.ok;
  },
});
