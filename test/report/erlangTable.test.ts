import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/analytic/index.js';
import { erlangJson, formatErlangTable } from '../../src/report/index.js';

/** `ccsim erlang`'s output, formatted in src/report (issue 11: a thin CLI). */
describe('formatErlangTable', () => {
  const input = {
    arrivalsPerHour: 200,
    ahtSeconds: 180,
    thresholdSeconds: 20,
    serviceLevelDefinition: { kind: 'offered' as const },
  };

  it('aligns the numbers and names the service-level definition', () => {
    const c = {
      model: 'c' as const,
      ...input,
      agents: 14,
      result: erlangC({ ...input, agents: 14 }),
    };
    const table = formatErlangTable(c);
    expect(table).toMatch(
      /^Erlang C \(M\/M\/N, no abandonment\): 200 arrivals\/h, AHT 180 s, T 20 s\n\n/,
    );
    expect(table).toContain(
      '  service level                88.835 %  (answered within T / offered)\n',
    );
    expect(erlangJson(c)).toMatchObject({
      model: 'c',
      agents: 14,
      input: { arrivalsPerHour: 200 },
    });
  });

  it('says when the queue grows without bound', () => {
    const c = {
      model: 'c' as const,
      ...input,
      agents: 9,
      result: erlangC({ ...input, agents: 9 }),
    };
    expect(formatErlangTable(c)).toContain('unstable: offered load >= agents');
  });
});
