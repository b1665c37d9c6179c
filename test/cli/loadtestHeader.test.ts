import { describe, expect, it } from 'vitest';
import { runHeader } from '../../src/cli/commands/loadtest.js';

/** Issue 14 item 6: the run's plan is printed when it starts, with a planned time that is right. */
describe('loadtest run header', () => {
  const plan = {
    scenario: { name: 'whatsapp-smoke' },
    seed: 1,
    replication: 0,
    segment: { index: 1, count: 1 },
    speed: 60,
    durationMs: undefined,
  };
  // The smoke scenario: 60 min of arrivals and 15 min of drain, scenario time.
  const trace = { customers: 51, messages: 98, horizonMs: 3_600_000, endMs: 4_500_000 };

  it('says how long sending takes at the speed, and that the drain ends early once all is final', () => {
    expect(runHeader(plan, trace, 'http://127.0.0.1:8080')).toBe(
      'ccsim loadtest whatsapp-smoke: seed 1, replication 0, speed 60x, target http://127.0.0.1:8080\n' +
        '  trace: 51 customers, 98 messages; sending for 60 s, then at most 15 s of drain (it ends once every conversation is final)\n',
    );
  });

  it('names the segment and the --duration cap', () => {
    const text = runHeader(
      { ...plan, segment: { index: 2, count: 4 }, durationMs: 30_000 },
      trace,
      'http://x',
    );
    expect(text).toContain('98 messages, this replayer takes segment 2/4;');
    expect(text).toContain('; --duration stops it after 30 s');
  });
});
