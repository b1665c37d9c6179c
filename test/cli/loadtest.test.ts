import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startReferenceDeployment } from '../../src/cli/referenceDeployment.js';
import type { LoadSummary } from '../../src/load/index.js';
import { runCli } from '../helpers/cliHarness.js';

const SMOKE = 'scenarios/whatsapp-smoke.yaml';
const MINI = 'test/load/fixtures/load-mini.yaml';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'ccsim-loadtest-'));
}

async function summaryIn(dir: string): Promise<LoadSummary> {
  return JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as LoadSummary;
}

/** A port nothing listens on (bound and released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe('ccsim loadtest', () => {
  it('replays the smoke scenario at 60x against the reference deployment: leaks 0, lost 0, predicted vs measured', async () => {
    const out = await tempDir();
    const result = await runCli(['loadtest', SMOKE, '--speed', '60', '--out', out]);
    const summary = await summaryIn(out);
    // Exit 0, or 99 when only a latency threshold failed on a busy machine: never for leaks/lost.
    expect([0, 99]).toContain(result.code);
    const failed = summary.thresholds.results.filter((r) => !r.ok).map((r) => r.metric);
    expect(failed.filter((m) => m !== 'webhook_ack')).toEqual([]);
    expect(result.code === 0).toBe(failed.length === 0);

    expect(summary.run.endReason).toBe('completed');
    expect(summary.target.reference).toBe(true);
    expect(summary.checks.leaks).toMatchObject({ count: 0, maskingEnabled: true });
    expect(summary.checks.leaks.framesScanned).toBeGreaterThan(100);
    expect(summary.checks.loss).toMatchObject({ lost: 0, verifiedBy: 'frames+records' });
    expect(summary.checks.loss.acknowledged).toBe(summary.trace.messages);
    expect(summary.checks.loss.duplicateDeliveries + summary.checks.loss.ackDuplicates).toBe(0);
    expect(summary.metrics.webhook_acks).toMatchObject({ count: summary.trace.messages });
    expect(summary.metrics.webhook_ack).toMatchObject({ count: summary.trace.messages });
    expect(summary.metrics.arrival_to_offer?.type).toBe('trend');
    expect((summary.metrics.arrival_to_offer as { count: number }).count).toBeGreaterThan(0);
    expect((summary.metrics.agent_send_to_customer as { count: number }).count).toBeGreaterThan(0);
    expect(summary.agents.count).toBe(5);
    expect(summary.agents.disconnects).toBe(0);

    const p = summary.predictedVsMeasured;
    expect(p.available).toBe(true);
    if (p.available) {
      expect(p.rows.map((r) => r.kpi)).toEqual(
        expect.arrayContaining(['serviceLevel', 'asa', 'abandonRate', 'ronaCount', 'transfers']),
      );
      // The same customers on both sides.
      expect(p.measured.offered).toBe(p.simulated.offered);
      expect(p.measured.serviceLevel).not.toBeNull();
      expect(p.measuredRecords).toBe(summary.trace.customers);
      // Per queue: the same customers on both sides, queue by queue, adding up to the totals.
      expect(Object.keys(p.queues)).toEqual(['support', 'sales']);
      const offered = (id: string, side: 'simulated' | 'measured') =>
        p.queues[id]!.find((r) => r.kpi === 'offered')![side];
      for (const id of ['support', 'sales']) {
        expect(offered(id, 'measured')).toBe(offered(id, 'simulated'));
        expect(p.queues[id]!.map((r) => r.kpi)).toEqual([
          'offered',
          'serviceLevel',
          'asa',
          'probabilityWait',
          'abandonRate',
          'aht',
          'transfers',
          'transferredIn',
        ]);
      }
      expect(offered('support', 'measured')! + offered('sales', 'measured')!).toBe(
        p.measured.offered,
      );
      expect(p.queues.sales!.find((r) => r.kpi === 'serviceLevel')!.measured).toBe(
        p.measured.queues.sales!.serviceLevel,
      );
    }

    // Abandons go through the reference deployment's load-test extension. Each trace abandon is
    // sent; the deployment applies it when the customer still waits, and refuses it when a live
    // agent answered before the simulated customer gave up. Measured abandonment is then exactly
    // the applied ones: trace abandons minus those answered live before their time.
    const a = summary.abandons;
    expect(summary.trace.abandons).toBeGreaterThan(0);
    expect(a).toMatchObject({ mode: 'on', replayed: true, trace: summary.trace.abandons });
    expect(a.sent).toBe(a.trace);
    expect(a.failed).toBe(0);
    expect(a.applied).toBe(a.trace - a.refused);
    expect(Object.values(a.refusedByCode).reduce((x, y) => x + y, 0)).toBe(a.refused);
    for (const code of Object.keys(a.refusedByCode)) {
      expect(['CONVERSATION_NOT_WAITING', 'NO_OPEN_CONVERSATION']).toContain(code);
    }
    expect(summary.metrics.abandons_sent).toMatchObject({ count: a.sent });
    expect(summary.metrics.abandons_refused).toMatchObject({ count: a.refused });
    expect(summary.metrics.abandon_ack).toMatchObject({ count: a.sent });
    expect(summary.errors.abandon).toBeUndefined();
    if (p.available) {
      expect(p.simulated.abandoned).toBe(summary.trace.abandons);
      expect(p.measured.abandoned).toBe(a.applied);
      expect((p.measured.abandonRate ?? 0) > 0).toBe(a.applied > 0);
      expect(p.notes.join('\n')).toMatch(/abandons sent through the load-test extension/);
      expect(p.notes.join('\n')).not.toMatch(/no abandon signal/);
    }
    expect(result.stdout).toMatch(
      new RegExp(
        `^ {4}abandons ${a.sent} sent {3}\\(${a.applied} abandoned, ${a.refused} refused`,
        'm',
      ),
    );
    expect(result.stdout).toMatch(/PREDICTED VS MEASURED/);
    expect(result.stdout).toMatch(/service level\s+[\d.]+%\s+[\d.]+%/);
    expect(result.stdout).toMatch(/^ {4}per queue +offered +SL % +ASA s +P\(wait\)/m);
    expect(result.stdout).toMatch(/^ {4}sales +sim +\d/m);
    expect(result.stdout).toMatch(/^ {4} +meas +\d/m);
    for (const line of result.stdout
      .split('\n')
      .filter((l) => /^ {4}(per queue|\S+ +sim| +meas)/.test(l))) {
      expect(line.length, line).toBeLessThanOrEqual(80);
    }
    expect(result.stdout).toMatch(/^ {4}leaks 0 /m);
    expect(result.stdout).toMatch(/^ {4}lost 0 /m);
    expect(result.stdout).toMatch(
      /webhook_ack\.+: avg=\S+ min=\S+ med=\S+ p\(90\)=\S+ p\(95\)=\S+ p\(99\)=\S+ p\(99\.9\)=\S+ max=/,
    );
  }, 180_000);

  it('finds planted secrets in agent frames when masking is off (the leak check works) and exits 99', async () => {
    const dir = await tempDir();
    const file = join(dir, 'unmasked.yaml');
    const text = (await readFile(MINI, 'utf8')).replace(
      'masking:\n    enabled: true',
      'masking:\n    enabled: false',
    );
    expect(text).toContain('enabled: false');
    await writeFile(file, text);
    const out = join(dir, 'out');
    const result = await runCli(['loadtest', file, '--speed', '120', '--out', out]);
    const summary = await summaryIn(out);
    expect(summary.checks.leaks.maskingEnabled).toBe(false);
    expect(summary.checks.leaks.count).toBeGreaterThan(0);
    expect(summary.checks.leaks.examples.length).toBeGreaterThan(0);
    expect(summary.thresholds.results.find((r) => r.metric === 'leaks')).toMatchObject({
      ok: false,
    });
    expect(result.code).toBe(99);
    expect(summary.checks.loss.lost).toBe(0);

    // The same traffic with masking on: nothing leaks.
    const masked = join(dir, 'masked');
    const ok = await runCli(['loadtest', MINI, '--speed', '120', '--out', masked, '--json']);
    const s2 = JSON.parse(ok.stdout) as LoadSummary;
    expect(s2.checks.leaks).toMatchObject({ count: 0, maskingEnabled: true });
    expect(s2.trace.secrets).toBe(summary.trace.secrets);
    expect(ok.code).toBe(0);
  }, 120_000);

  it('two segments share one load against one deployment without overlap or gaps', async () => {
    const dir = await tempDir();
    const sinkPort = await freePort();
    const deployment = await startReferenceDeployment({
      scenarioFile: MINI,
      speed: 120,
      graphUrl: `http://127.0.0.1:${sinkPort}`,
      env: {},
    });
    try {
      const env = {
        CCSIM_APP_SECRET: deployment.appSecret,
        CCSIM_ADMIN_TOKEN: deployment.adminToken,
      };
      const run = (segment: string, sink: string) =>
        runCli(
          [
            'loadtest',
            MINI,
            '--target',
            deployment.url,
            '--speed',
            '120',
            '--segment',
            segment,
            '--sink-port',
            sink,
            '--out',
            join(dir, segment.replace('/', '-of-')),
          ],
          '',
          env,
        );
      // Only segment 1's sink is the deployment's graph URL; segment 2 sees no replies.
      const [a, b] = await Promise.all([run('1/2', String(sinkPort)), run('2/2', '0')]);
      expect(a.stderr).toMatch(/Cloud-API sink/);
      const s1 = await summaryIn(join(dir, '1-of-2'));
      const s2 = await summaryIn(join(dir, '2-of-2'));
      const whole = (await runCli(['trace', MINI])).stdout;
      const header = JSON.parse(whole.split('\n')[0]!);
      expect(s1.trace.customers + s2.trace.customers).toBe(header.customers);
      expect(s1.trace.messages + s2.trace.messages).toBe(header.messages);
      expect(s1.trace.customers).toBeGreaterThan(0);
      expect(s2.trace.customers).toBeGreaterThan(0);
      expect(s1.agents.count + s2.agents.count).toBe(3);
      for (const s of [s1, s2]) {
        expect(s.checks.loss.lost).toBe(0);
        expect(s.checks.leaks.count).toBe(0);
        expect(s.checks.loss.acknowledged).toBe(s.trace.messages);
      }
      expect([a.code, b.code]).toEqual([0, 0]);
    } finally {
      await deployment.stop();
    }
  }, 120_000);

  it('refuses bad options before any work: CLI_USAGE and exit 2, nothing written or sent', async () => {
    const dir = await tempDir();
    const out = join(dir, 'never');
    const usage = async (args: string[], message: RegExp) => {
      const r = await runCli(['loadtest', SMOKE, '--out', out, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout, args.join(' ')).toBe('');
    };
    await usage(['--segment', '3/2'], /^error CLI_USAGE: --segment must be i\/n/);
    await usage(['--speed', '0'], /^error CLI_USAGE: --speed must be a number > 0, got 0/);
    await usage(['--speed', 'fast'], /^error CLI_USAGE: --speed must be a number > 0, got "fast"/);
    await usage(['--duration', '5 parsecs'], /^error CLI_USAGE: --duration/);
    await usage(
      ['--abandon', 'maybe'],
      /^error CLI_USAGE: --abandon must be one of auto, on, off; got "maybe"/,
    );
    await usage(['--target', 'ftp://x'], /^error CLI_USAGE: --target must be an http/);
    await usage(['--target', 'http://127.0.0.1:1'], /^error CLI_USAGE: --target needs/);
    await usage(
      ['--target', 'http://127.0.0.1:1', '--app-secret', 's', '--abandon', 'on'],
      /^error CLI_USAGE: --abandon on needs/,
    );
    await expect(access(out)).rejects.toThrow();
  });

  it('names what went wrong outside the flags with its own code, exit 1', async () => {
    const dir = await tempDir();
    const bad = async (args: string[], code: RegExp, env: NodeJS.ProcessEnv = {}) => {
      const r = await runCli(['loadtest', SMOKE, '--out', join(dir, 'out'), ...args], '', env);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(code);
    };
    const port = await freePort();
    await bad(
      ['--target', `http://127.0.0.1:${port}`, '--app-secret', 's'],
      /^error LOAD_TARGET_UNREACHABLE: .*ECONNREFUSED/m,
    );
    await bad(
      ['--target', `http://127.0.0.1:${port}`],
      /^error LOAD_INVALID_OPTION: CCSIM_AGENT_TOKENS/,
      {
        CCSIM_APP_SECRET: 's',
        CCSIM_AGENT_TOKENS: '[1]',
      },
    );
    await bad(
      ['--target', `http://127.0.0.1:${port}`, '--app-secret', 's', '--baseline', 'x.json'],
      /^error BASELINE_UNAVAILABLE: --baseline needs this run's measured KPIs/,
    );
  });
});
