import {
  type AggregatedKpiSet,
  KPI_CATALOGUE,
  type OptionalKpiName,
  RECONTACT_KPIS,
  type ScalarKpiName,
} from '../kpi/index.js';
import { fixed, percent, withCi } from './format.js';
import { gateSection } from './gateSection.js';
import { escapeHtml, figure, metaList, page, section, table } from './html.js';
import { groupOccupancyChart, queueServiceLevelCharts } from './queueCharts.js';
import { groupKpiTable, queueKpiTable, queueVerdictList } from './queueTables.js';
import { type ChartDef, simulationCharts } from './simulationCharts.js';
import type { GateReport, SimulationReportInput } from './types.js';
import { renderSvg } from './vegaSvg.js';
import { verdictSentence } from './verdictText.js';

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
  const group = groupOccupancyChart(input);
  const queueCharts = await renderCharts(queueServiceLevelCharts(input));
  const groupCharts = await renderCharts(group ? [group] : []);
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
    ...warningsSection(input),
    verdictSection(input),
    ...(options.gates ?? []).map(gateSection),
    section('kpis', 'Whole measured horizon', totalTable(input.kpis.total)),
    ...charts,
    section('intervals', 'Per interval', intervalTable(input)),
    ...scopeSections(input, queueCharts, groupCharts),
  ];
  return page({
    kind: 'simulation',
    title: `Simulation report: ${input.scenario.name}`,
    subtitle: input.scenario.description,
    meta,
    sections,
  });
}

/**
 * Where each queue stands: its verdict on its own target, its KPIs beside the others', its SL per
 * interval; then each agent group's KPIs and occupancy. Absent for a summary without queues.
 */
function scopeSections(
  input: SimulationReportInput,
  queueCharts: readonly string[],
  groupCharts: readonly string[],
): string[] {
  const queues = queueKpiTable(input);
  if (queues === '') return [];
  const groups = groupKpiTable(input);
  return [
    section(
      'queues',
      'Per queue',
      `${queueVerdictList(input)}${queues}<p class="note">Each queue's KPIs are over the conversations that entered it first (also after a transfer to another queue), its SL under its own definition; the queues' counts add up to the totals. Transferred in: the conversations that entered another queue first and were in this one last. Mean ± 95% CI half-width.</p>`,
    ),
    ...queueCharts,
    ...(groups === ''
      ? []
      : [
          section(
            'groups',
            'Per agent group',
            `${groups}<p class="note">Occupancy, staffed and available agents over the group's agents' time; handled: measured conversations whose last owner is in the group; AHT: the group's own owner legs (one side of a transfer).</p>`,
          ),
          ...groupCharts,
        ]),
  ];
}

function replicationsText(input: SimulationReportInput): string {
  const idx = input.replicationIndexes;
  const whole = idx.length > 0 && idx.every((v, i) => v === i);
  return whole ? String(input.replications) : `${input.replications} (indexes ${idx.join(', ')})`;
}

/** Warnings come before the verdict: they say what the verdict's numbers leave out. */
function warningsSection(input: SimulationReportInput): string[] {
  const warnings = input.warnings ?? [];
  if (warnings.length === 0) return [];
  const items = warnings
    .map((w) => `<li><code>${escapeHtml(w.code)}</code> ${escapeHtml(w.message)}</li>`)
    .join('');
  return [section('warnings', 'Warnings', `<ul class="warnings" role="alert">${items}</ul>`)];
}

/**
 * The planner's answer first: is the scenario's target met over the day, and where is it missed?
 * Cells below the target are marked in the per-interval table too.
 */
function verdictSection(input: SimulationReportInput): string {
  const v = input.verdict;
  const ok = v.day.met !== false && v.missed.length === 0;
  const sentence = verdictSentence(v, input.intervals);
  const badge = ok
    ? '<span class="verdict pass">TARGET MET</span>'
    : v.day.met === false
      ? '<span class="verdict fail">TARGET MISSED</span>'
      : '<span class="verdict warn">MISSED IN SOME INTERVALS</span>';
  const explain =
    v.missed.length === 0
      ? ''
      : '<p class="note">An interval is missed when its mean service level over the replications is below the target; "within noise": its 95% confidence interval contains the target, so more replications could turn it either way. Missed intervals are marked in the per-interval table.</p>';
  return section(
    'verdict',
    'Verdict',
    `<p class="verdict-line">${badge} ${escapeHtml(sentence.charAt(0).toUpperCase() + sentence.slice(1))}.</p>${explain}`,
  );
}

/**
 * The whole-horizon table's rows, labels and units from the KPI catalogue; the re-contact KPIs
 * where the run has them (`behaviour.customer.recontact`).
 */
const TOTAL_ROWS: readonly {
  readonly kpi: ScalarKpiName | OptionalKpiName;
  readonly digits?: number;
}[] = [
  { kpi: 'serviceLevel' },
  { kpi: 'asa' },
  { kpi: 'avgWait' },
  { kpi: 'waitP90' },
  { kpi: 'abandonRate', digits: 2 },
  { kpi: 'occupancy' },
  { kpi: 'staffedAgents' },
  { kpi: 'aht' },
  { kpi: 'offered' },
  { kpi: 'handled' },
  { kpi: 'abandoned' },
  { kpi: 'ronaRate', digits: 2 },
  { kpi: 'transfers' },
  { kpi: 'conferences' },
  { kpi: 'interrupted' },
  { kpi: 'maxQueueLength' },
  ...RECONTACT_KPIS.map((kpi) => ({ kpi })),
];

function totalTable(total: AggregatedKpiSet): string {
  const rows = TOTAL_ROWS.flatMap(({ kpi, digits }) => {
    const entry = KPI_CATALOGUE[kpi];
    const s = total[kpi];
    return s === undefined ? [] : [[entry.label, withCi(s, entry.unit, digits)]];
  });
  return `${table(['KPI', 'mean ± 95% CI half-width'], rows)}`;
}

function intervalTable(input: SimulationReportInput): string {
  const target = percent(input.verdict.target, 0);
  const rows = input.intervals.map((label, i) => {
    const k = input.kpis.intervals[i]!;
    const v = input.verdict.intervals[i];
    if (v?.status === 'warm-up') {
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
      v?.status === 'missed'
        ? {
            html: `${escapeHtml(withCi(k.serviceLevel, 'ratio') ?? '')} <span class="mark">below ${target}</span>`,
            className: `num below${v.clear ? ' clear' : ''}`,
          }
        : withCi(k.serviceLevel, 'ratio'),
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
