// What bench:serve and bench:load share: autocannon (typed here, it ships no types), a child
// process started and waited for, and the synthetic webhook traffic both send (2,000 customers on
// the smoke scenario's two business numbers, each message with a new id and its signature).
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { signature, webhookBody } from '../src/load/index.js';

export const ROOT = resolve(import.meta.dirname, '..');

export interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}
export interface RequestData {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface Child {
  readonly child: ChildProcess;
  /** The first group of `pattern` in the child's stdout (its URL). */
  readonly url: string;
  readonly exited: Promise<number | null>;
}

/** Starts `node args` in the repo root and resolves once its stdout matches `pattern`. */
export function startChild(
  args: string[],
  pattern: RegExp,
  env: NodeJS.ProcessEnv = {},
): Promise<Child> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolveChild, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) resolveChild({ child, url: m[1]!, exited });
    });
    void exited.then((code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

const ASSETS = ['100000000000001', '100000000000002'];
const CUSTOMERS = 2000;
let seq = 0;

/** The next synthetic customer message (a new message id each time). */
export function benchMessage(timestamp: number) {
  const n = seq++;
  const customer = String(447000000000 + (n % CUSTOMERS));
  return {
    assetId: ASSETS[n % ASSETS.length]!,
    displayNumber: '31205550101',
    customerId: customer,
    customerName: `Customer ${n % CUSTOMERS}`,
    messageId: `wamid.bench.${process.pid}.${n}`,
    text: `Hello, this is message ${n} about my order`,
    timestamp,
  };
}

/**
 * autocannon's requests for signed webhooks: `setupRequest` runs in autocannon's client per
 * request and builds a fresh message and its X-Hub-Signature-256, the replayer's work per request.
 */
export function signedWebhookRequests(appSecret: string): RequestData[] {
  return [
    {
      method: 'POST',
      path: '/webhook',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req: RequestData) => {
        const body = webhookBody(benchMessage(Math.floor(Date.now() / 1000)));
        return {
          ...req,
          body,
          headers: { ...req.headers, 'x-hub-signature-256': signature(body, appSecret) },
        };
      },
    } as RequestData,
  ];
}
