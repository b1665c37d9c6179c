import { once } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import type { ArgumentsCamelCase, Argv } from 'yargs';
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

function builder(yargs: Argv) {
  return yargs
    .usage(
      '$0 mask [--kinds email,iban,card,ssn,phone] [--json] < messages.txt\n\n' +
        'Masks customer-sensitive data (SPEC R9-R11) in standard input, line by line, and writes\n' +
        'the result to standard output with the line breaks as they were.',
    )
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
    .example('$0 mask --kinds email,phone --json < chat.log', 'spans of e-mails and phones');
}

type MaskOptions = ReturnType<typeof builder> extends Argv<infer T> ? T : never;
type MaskArgs = ArgumentsCamelCase<MaskOptions>;

/** `--kinds` as given (repeated flags are joined), checked against the known kinds. */
export function parseKinds(value: string | string[] | undefined): SensitiveKind[] | undefined {
  if (value === undefined) return undefined;
  const names = [value]
    .flat()
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v.length > 0);
  if (names.length === 0) {
    throw new CliError(
      'MASK_NO_KINDS',
      `--kinds lists no kind; choose from ${ALL_KINDS.join(', ')}`,
    );
  }
  for (const name of names) {
    if (!isSensitiveKind(name)) {
      throw new CliError(
        'MASK_UNKNOWN_KIND',
        `unknown kind "${name}" in --kinds; choose from ${ALL_KINDS.join(', ')}`,
      );
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

export const maskCommand = defineCommand<MaskOptions>({
  command: 'mask',
  describe: 'Mask e-mails, IBANs, cards, SSNs and phone numbers in stdin, line by line',
  builder,
  run: async (args: MaskArgs, io) => {
    const kinds = parseKinds(args.kinds as string | string[] | undefined);
    const masker = createMasker(kinds === undefined ? undefined : { kinds });
    const json = args.json;
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

    for await (const chunk of io.stdin) {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
      pending = await flushLines(pending + text);
    }
    pending += decoder.end();
    if (pending.length > 0) {
      await write(io.stdout, formatLine(masker, pending, json) + (json ? '\n' : ''));
    }
    return ExitCode.ok;
  },
});
