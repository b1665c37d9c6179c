import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allocationTable, type SamplingNode } from '../../bench/allocationTable.js';

/**
 * `npm run profile:alloc` (bench/profileAlloc.ts): bytes allocated per conversation by function.
 * The table is checked on a made-up profile; the tool once on a real run, for what would show a
 * live-heap profile instead of an allocation profile (almost nothing per conversation once the
 * conversations are over), once with --survivors, and for its usage errors.
 */

const root = path.resolve(import.meta.dirname, '..', '..');

function node(
  functionName: string,
  url: string,
  lineNumber: number,
  selfSize: number,
  children: SamplingNode[] = [],
): SamplingNode {
  return { callFrame: { functionName, url, lineNumber }, selfSize, children };
}

describe('bench/allocationTable', () => {
  it('sums a site reached by several paths, per conversation, largest first, top rows only', () => {
    const head = node('(root)', '', 0, 0, [
      node('run', 'file:///w/sim/replicationRun.js', 9, 100, [
        node('makeOffer', 'file:///w/src/core/lifecycle.js', 42, 3000),
        node('handle', 'file:///w/src/core/router.js', 45, 500, [
          node('makeOffer', 'file:///w/src/core/lifecycle.js', 42, 1000),
          node('set', '', 0, 400),
        ]),
      ]),
    ]);
    const table = allocationTable(head, 10, 3);
    expect(table.bytesPerConversation).toBe(500);
    expect(table.rows).toEqual([
      { site: 'makeOffer core/lifecycle.js:43', bytesPerConversation: 400, share: 0.8 },
      { site: 'handle core/router.js:46', bytesPerConversation: 50, share: 0.1 },
      { site: 'set (V8 builtin)', bytesPerConversation: 40, share: 0.08 },
    ]);
  });

  it('names code without line numbers (tsx) by file only, and refuses zero conversations', () => {
    const head = node('', 'file:///w/sim/agents.ts', 0, 64);
    expect(allocationTable(head, 1, 5).rows[0]!.site).toBe('(anonymous) sim/agents.ts');
    expect(() => allocationTable(head, 0, 5)).toThrow(RangeError);
  });
});

describe('bench/profileAlloc (npm run profile:alloc)', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'bench/profileAlloc.ts', ...args], {
      cwd: root,
      encoding: 'utf8',
    });

  it('counts what was allocated, freed objects included, in the router handlers', () => {
    const r = run('scenarios/validation/erlang-c1.yaml', '--replications', '1', '--top', '15');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const perConversation = /: ([\d,]+) bytes allocated per conversation/.exec(r.stdout);
    expect(perConversation).not.toBeNull();
    const bytes = Number(perConversation![1]!.replaceAll(',', ''));
    // A conversation's router state, effects, views, record and minds are kilobytes; a live-heap
    // profile taken after the run would hold next to nothing of a finished conversation.
    expect(bytes).toBeGreaterThan(2000);
    expect(bytes).toBeLessThan(50_000);
    const rows = r.stdout.trim().split('\n').slice(2);
    expect(rows).toHaveLength(15);
    expect(rows.some((row) => /\b(customerMessage|agentAccept|makeOffer)\b/.test(row))).toBe(true);
  });

  it('with --survivors keeps only what outlived a scavenge: a small part of what erlang-c1 allocates', () => {
    const r = run('scenarios/validation/erlang-c1.yaml', '--replications', '1', '--survivors');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const perConversation = /: ([\d,]+) bytes per conversation outlived a scavenge/.exec(r.stdout);
    expect(perConversation).not.toBeNull();
    const bytes = Number(perConversation![1]!.replaceAll(',', ''));
    // At 14 agents a conversation lasts minutes, a young generation fills in well under a second
    // of the run: what survives is the run's own tables (KPIs, time series), ~230 B a
    // conversation, against ~7,000 allocated. With freed objects counted it would be that
    // ~7,000; without the last scavenge, what was still young at the end reads ~1,900.
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(1000);
  });

  it('refuses bad usage with exit 2 and a missing file with exit 1, before any work', () => {
    const noTarget = run();
    expect(noTarget.status).toBe(2);
    expect(noTarget.stderr).toContain('give one scenario file or scale:N');
    const badCount = run('scale:0', '--replications', 'many');
    expect(badCount.status).toBe(2);
    expect(badCount.stderr).toContain('--replications must be a positive number');
    expect(run('scale:42').stderr).toContain('no scale case 42');
    const oddHours = run('scale:0', '--hours', '0.7');
    expect(oddHours.status).toBe(2);
    expect(oddHours.stderr).toContain('--hours must be a multiple of 0.5');
    const hoursOnFile = run('scenarios/validation/erlang-c1.yaml', '--hours', '2');
    expect(hoursOnFile.status).toBe(2);
    expect(hoursOnFile.stderr).toContain('--hours is for scale:N cases');
    const missing = run('scenarios/nope.yaml');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('nope.yaml');
  });
});
