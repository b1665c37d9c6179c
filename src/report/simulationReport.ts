import type { AggregatedKpiSet } from '../kpi/index.js';
import { fixed, percent, withCi } from './format.js';
import { gateSection } from './gateSection.js';
import { escapeHtml, figure, metaList, page, section, table } from './html.js';
import { type ChartDef, simulationCharts } from './simulationCharts.js';
import type { GateReport, SimulationReportInput } from './types.js';
import { renderSvg } from './vegaSvg.js';

export interface SimulationReportOptions {
  /** Regression gates of this run (`--baseline`), shown first. */
  readonly gates?: readonly GateReport[];
}

/** Renders charts in order; each is a self-contained SVG string. */
export async function renderCharts(defs: readonly ChartDef[]): Promise<string[]> {
  const out: string[] = [];
  for (const def of defs) {
    const { svg } = await renderSvg(def.spec);
    out.push(
      figure({ id: def.id, title: def.title, ...(def.note ? { note: def.note } : {}), svg }),
    );
  }
  return out;
}

/** The HTML report of a simulation run (`reports/<name>-<time>/index.html`). */
export async function renderSimulationReport(
  input: SimulationReportInput,
  options: SimulationReportOptions = {},
): Promise<string> {
  const charts = await renderCharts(simulationCharts(input));
  const { serviceLevel: sl, horizon } = input;
  const meta = metaList([
    [
      'scenario',
      input.scenario.file ? `${input.scenario.name} (${input.scenario.file})` : input.scenario.name,
    ],
    ['seed', input.seed],
    ['replications', replicationsText(input)],
    [
      'horizon',
      `${horizon.start}, ${horizon.intervals} × ${horizon.intervalMinutes} min, warm-up ${horizon.warmupMinutes} min, drain ${horizon.drainMinutes} min`,
    ],
    [
      'service level',
      `${Math.round(sl.target * 100)}% within ${sl.thresholdSeconds} s (${sl.definition}${sl.definition === 'offered-minus-short-abandons' ? `, short abandons < ${sl.shortAbandonSeconds} s` : ''})`,
    ],
    ['ccsim version', input.ccsim.version],
    ['command', input.command],
  ]);
  const sections = [
    ...(options.gates ?? []).map(gateSection),
    section('kpis', 'Whole measured horizon', totalTable(input.kpis.total)),
    ...charts,
    section('intervals', 'Per interval', intervalTable(input)),
  ];
  return page({
    kind: 'simulation',
    title: `Simulation report: ${input.scenario.name}`,
    subtitle: input.scenario.description,
    meta,
    sections,
  });
}

function replicationsText(input: SimulationReportInput): string {
  const idx = input.replicationIndexes;
  const whole = idx.length > 0 && idx.every((v, i) => v === i);
  return whole ? String(input.replications) : `${input.replications} (indexes ${idx.join(', ')})`;
}

function totalTable(total: AggregatedKpiSet): string {
  const rows: [string, string | null][] = [
    ['service level', withCi(total.serviceLevel, 'ratio')],
    ['ASA', withCi(total.asa, 'seconds')],
    ['average wait', withCi(total.avgWait, 'seconds')],
    ['wait p90 (answered)', withCi(total.waitP90, 'seconds')],
    ['abandonment', withCi(total.abandonRate, 'ratio', 2)],
    ['occupancy', withCi(total.occupancy, 'ratio')],
    ['staffed agents', withCi(total.staffedAgents, 'count')],
    ['AHT', withCi(total.aht, 'seconds')],
    ['offered', withCi(total.offered, 'count')],
    ['handled', withCi(total.handled, 'count')],
    ['abandoned', withCi(total.abandoned, 'count')],
    ['RONA per offer', withCi(total.ronaRate, 'ratio', 2)],
    ['transfers', withCi(total.transfers, 'count')],
    ['conferences', withCi(total.conferences, 'count')],
    ['interrupted', withCi(total.interrupted, 'count')],
    ['longest queue', withCi(total.maxQueueLength, 'count')],
  ];
  return `${table(['KPI', 'mean ± 95% CI half-width'], rows)}`;
}

function intervalTable(input: SimulationReportInput): string {
  const warmup = input.horizon.warmupMinutes;
  const rows = input.intervals.map((label, i) => {
    const k = input.kpis.intervals[i]!;
    if ((i + 1) * input.horizon.intervalMinutes <= warmup) {
      return [
        label,
        { html: '<em>warm-up</em>' },
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ];
    }
    return [
      label,
      fixed(k.offered.mean),
      withCi(k.serviceLevel, 'ratio'),
      withCi(k.asa, 'seconds'),
      percent(k.abandonRate.mean),
      percent(k.occupancy.mean),
      fixed(k.staffedAgents.mean),
      fixed(k.ronaCount.mean),
      fixed(k.transfers.mean),
      fixed(k.conferences.mean),
      fixed(k.interrupted.mean),
    ];
  });
  return table(
    [
      'interval',
      'offered',
      'service level',
      'ASA',
      'abandoned',
      'occupancy',
      'staffed',
      'RONA',
      'transfers',
      'conferences',
      'interrupted',
    ],
    rows,
    'intervals',
  ).replace('<table', `<table aria-label="${escapeHtml('KPIs per interval')}"`);
}
