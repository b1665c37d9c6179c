import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { noProgress } from '../../src/cli/progress.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ccsim` in-process with captured streams; `stdin` is fed and closed first. */
export async function runCli(
  argv: string[],
  stdin = '',
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  const input = new PassThrough();
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (chunk) => {
    stdout += chunk;
  });
  err.on('data', (chunk) => {
    stderr += chunk;
  });
  input.end(stdin);
  const io: CliIo = {
    stdin: input,
    stdout: out,
    stderr: err,
    env,
    isTTY: false,
    progress: noProgress,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
