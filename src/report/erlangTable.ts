import {
  describeServiceLevelDefinition,
  type ErlangAResult,
  type ErlangCResult,
  type ServiceLevelDefinition,
} from '../analytic/index.js';

/** The output of `ccsim erlang`: its one JSON object (`--json`) and its table. */
/** What `ccsim erlang` computed, before formatting. */
export interface ErlangCalculation {
  readonly model: 'c' | 'a';
  readonly arrivalsPerHour: number;
  readonly ahtSeconds: number;
  readonly thresholdSeconds: number;
  readonly patienceSeconds?: number;
  readonly serviceLevelDefinition: ServiceLevelDefinition;
  readonly target?: { serviceLevel: number; maxOccupancy?: number };
  readonly agents: number;
  readonly result: ErlangCResult | ErlangAResult;
}

export function erlangJson(c: ErlangCalculation): Record<string, unknown> {
  const { model: _model, result, agents, target, ...input } = c;
  const { model, ...measures } = result;
  return { model, input, ...(target ? { target } : {}), agents, ...measures };
}

const pct = (p: number) => `${(100 * p).toFixed(3)} %`;
const secs = (s: number) => (Number.isFinite(s) ? `${s.toFixed(2)} s` : 'infinite');
const plain = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : 'infinite');

export function formatErlangTable(c: ErlangCalculation): string {
  const r = c.result;
  const title =
    r.model === 'c'
      ? 'Erlang C (M/M/N, no abandonment)'
      : `Erlang A (M/M/N+M, mean patience ${c.patienceSeconds} s)`;
  const lines: string[] = [
    `${title}: ${c.arrivalsPerHour} arrivals/h, AHT ${c.ahtSeconds} s, T ${c.thresholdSeconds} s`,
  ];
  if (c.target) {
    const occupancy =
      c.target.maxOccupancy === undefined
        ? ''
        : ` and occupancy <= ${(100 * c.target.maxOccupancy).toFixed(1)} %`;
    lines.push(
      `minimum agents for service level >= ${(100 * c.target.serviceLevel).toFixed(1)} %${occupancy}: ${c.agents}`,
    );
  }
  lines.push('');

  const rows: [string, string][] = [
    ['agents', String(c.agents)],
    ['offered load', `${r.offeredLoadErlangs.toFixed(3)} Erlang`],
    ['P(wait)', pct(r.probabilityWait)],
  ];
  if (r.model === 'c') {
    rows.push(
      ['service level', `${pct(r.serviceLevel)}  (answered within T / offered)`],
      ['ASA', secs(r.asa)],
      ['mean wait of those who wait', secs(r.meanWaitOfWaitingSeconds)],
      ['mean queue length', plain(r.meanQueueLength, 3)],
      ['occupancy', pct(r.occupancy)],
    );
  } else {
    rows.push(
      ['P(abandon)', pct(r.abandonRate)],
      [
        'service level',
        `${pct(r.serviceLevel)}  (${describeServiceLevelDefinition(r.serviceLevelDefinition)})`,
      ],
      ['answered within T', pct(r.probabilityAnsweredWithinThreshold)],
      ['abandoned within T', pct(r.probabilityAbandonedWithinThreshold)],
      ['abandoned after T', pct(r.probabilityAbandonedAfterThreshold)],
      ['ASA (answered)', secs(r.asa)],
      ['mean wait (all)', secs(r.avgWait)],
      ['mean queue length', plain(r.meanQueueLength, 3)],
      ['occupancy', pct(r.occupancy)],
    );
  }
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  // Right-align the numbers on their first space so that units and notes line up after them.
  const numberWidth = Math.max(...rows.map(([, value]) => value.split(' ')[0]!.length));
  for (const [label, value] of rows) {
    const [head, ...rest] = value.split(' ');
    const tail = rest.length > 0 ? ` ${rest.join(' ')}` : '';
    lines.push(`  ${label.padEnd(labelWidth)}  ${head!.padStart(numberWidth)}${tail}`);
  }
  if (r.model === 'c' && !r.stable) {
    lines.push(
      '',
      'unstable: offered load >= agents, so the queue grows without bound (try --model a).',
    );
  }
  return `${lines.join('\n')}\n`;
}
