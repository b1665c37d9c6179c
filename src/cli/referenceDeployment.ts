import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from './cliError.js';
import { SERVE_ENV } from './commands/serve.js';

/** The reference deployment as a child process, for `ccsim loadtest` without `--target`. */
export interface ReferenceDeployment {
  readonly url: string;
  readonly wsUrl: string;
  readonly appSecret: string;
  readonly adminToken: string;
  /** Its live dashboard (with `dashboard`), whose server points a load test's dashboard pulls. */
  readonly dashboardUrl: string | null;
  readonly pid: number;
  /** The last lines the server wrote to stderr (its log), for error messages. */
  logTail(): string;
  /** SIGTERM (graceful), SIGKILL after 15 s; removes the journal. */
  stop(): Promise<void>;
}

const BIN = fileURLToPath(new URL('../../bin/ccsim.js', import.meta.url));

/**
 * Starts `ccsim serve <scenario> --port 0 --db <temp> --speed X --graph-url <sink>
 * --scenario-tokens` in a child process on loopback, so that the server does not share the
 * replayer's event loop (and core), with fresh secrets passed through the environment (never on
 * the command line).
 */
export async function startReferenceDeployment(options: {
  readonly scenarioFile: string;
  readonly speed: number;
  readonly graphUrl: string;
  /** CCSIM_AGENT_TOKENS and the like are passed on. */
  readonly env: NodeJS.ProcessEnv;
  readonly startTimeoutMs?: number;
  /** Start it with `--dashboard` (on a free loopback port). */
  readonly dashboard?: boolean;
}): Promise<ReferenceDeployment> {
  const dir = await mkdtemp(join(tmpdir(), 'ccsim-loadtest-'));
  const appSecret = randomBytes(24).toString('base64url');
  const adminToken = randomBytes(24).toString('base64url');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      BIN,
      'serve',
      options.scenarioFile,
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--db',
      join(dir, 'journal.db'),
      '--speed',
      String(options.speed),
      '--graph-url',
      options.graphUrl,
      // The replayer's agents log in with the scenario's tokens (loopback, a throwaway journal).
      '--scenario-tokens',
      ...(options.dashboard ? ['--dashboard', '--dashboard-port', '0'] : []),
    ],
    {
      env: {
        ...process.env,
        ...options.env,
        [SERVE_ENV.appSecret]: appSecret,
        [SERVE_ENV.adminToken]: adminToken,
        [SERVE_ENV.verifyToken]: randomBytes(12).toString('base64url'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const tail: string[] = [];
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (line) tail.push(line);
    if (tail.length > 40) tail.splice(0, tail.length - 40);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const cleanup = async () => {
    process.removeListener('exit', killOnExit);
    await rm(dir, { recursive: true, force: true });
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await cleanup();
  };

  let url: string;
  let dashboardUrl: string | null = null;
  try {
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(
        () => reject(new Error('no "listening on" line in time')),
        options.startTimeoutMs ?? 30_000,
      );
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (chunk: string) => {
        out += chunk;
        const m = /ccsim serve listening on (http:\/\/\S+)/.exec(out);
        dashboardUrl = /\n {2}dashboard +(http:\/\/\S+)\n/.exec(out)?.[1] ?? null;
        if (m && (!options.dashboard || dashboardUrl !== null)) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`it exited with code ${code}`));
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  } catch (err) {
    await stop();
    throw new CliError(
      'LOAD_DEPLOYMENT_FAILED',
      `the reference deployment did not start: ${(err as Error).message}${tail.length ? `\n${tail.join('\n')}` : ''}`,
    );
  }
  return {
    url,
    wsUrl: `${url.replace(/^http/, 'ws')}/agent`,
    appSecret,
    adminToken,
    dashboardUrl,
    pid: child.pid ?? -1,
    logTail: () => tail.join('\n'),
    stop,
  };
}
