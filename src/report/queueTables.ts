import { KPI_CATALOGUE, type ScalarKpiName, type Summary } from '../kpi/index.js';
import { withCi } from './format.js';
import { type Cell, escapeHtml, table } from './html.js';
import { serviceLevelText } from './serviceLevelText.js';
import type { SimulationReportInput } from './types.js';
import { verdictSentence } from './verdictText.js';

/**
 * The report's per-queue and per-group tables: where each queue stands against its own target,
 * every KPI the catalogue defines that a queue's set has (so a KPI added to the catalogue and
 * to the queue sets shows up here without more work), and each agent group's time and handling.
 */

const isSummary = (x: unknown): x is Summary => typeof x === 'object' && x !== null && 'n' in x;

/** Each queue's verdict on its own target, one line each. */
export function queueVerdictList(input: SimulationReportInput): string {
  const verdicts = Object.entries(input.queueVerdicts ?? {});
  if (verdicts.length === 0) return '';
  const items = verdicts.map(([id, v]) => {
    const sl = input.serviceLevel.queues?.[id];
    const ok = v.day.met !== false && v.missed.length === 0;
    const badge =
      v.day.met === null
        ? '<span class="verdict warn">NOTHING OFFERED</span>'
        : ok
          ? '<span class="verdict pass">MET</span>'
          : v.day.met === false
            ? '<span class="verdict fail">MISSED</span>'
            : '<span class="verdict warn">SOME INTERVALS</span>';
    const definition = sl
      ? ` (SL = ${serviceLevelText(sl, input.serviceLevel.shortAbandonSeconds)})`
      : '';
    return `<li data-queue="${escapeHtml(id)}">${badge} <strong>${escapeHtml(id)}</strong>${escapeHtml(definition)}: ${escapeHtml(verdictSentence(v, input.intervals))}.</li>`;
  });
  return `<ul class="queue-verdicts">${items.join('')}</ul>`;
}

/** Rows: every catalogue KPI the queue sets have; columns: the queues. Mean ± 95% CI. */
export function queueKpiTable(input: SimulationReportInput): string {
  const queues = Object.entries(input.kpis.total.queues ?? {});
  if (queues.length === 0) return '';
  const first = queues[0]![1] as unknown as Readonly<Record<string, unknown>>;
  const kpis = (Object.keys(KPI_CATALOGUE) as ScalarKpiName[]).filter((k) => isSummary(first[k]));
  const rows = kpis.map((kpi): Cell[] => {
    const entry = KPI_CATALOGUE[kpi];
    return [
      entry.label,
      ...queues.map(([, set]) => {
        const s = (set as unknown as Readonly<Record<string, unknown>>)[kpi];
        return isSummary(s) ? withCi(s, entry.unit) : null;
      }),
    ];
  });
  return table(['KPI', ...queues.map(([id]) => `queue ${id}`)], rows, 'queues').replace(
    '<table',
    `<table aria-label="${escapeHtml('KPIs per queue')}"`,
  );
}

const GROUP_ROWS = [
  ['occupancy', KPI_CATALOGUE.occupancy.label, 'ratio'],
  ['agentOccupancy', KPI_CATALOGUE.agentOccupancy.label, 'ratio'],
  ['staffedAgents', KPI_CATALOGUE.staffedAgents.label, 'count'],
  ['availableAgents', 'agents available', 'count'],
  ['handled', 'handled (last owner in the group)', 'count'],
  ['handledLegs', 'owner legs handled', 'count'],
  ['aht', "AHT (the group's own legs)", 'seconds'],
] as const;

/** Rows: the group KPIs; columns: the agent groups. Mean ± 95% CI. */
export function groupKpiTable(input: SimulationReportInput): string {
  const groups = Object.entries(input.kpis.total.groups ?? {});
  if (groups.length === 0) return '';
  const rows = GROUP_ROWS.map(([kpi, label, unit]): Cell[] => [
    label,
    ...groups.map(([, set]) => (set[kpi] ? withCi(set[kpi], unit) : null)),
  ]);
  return table(['KPI', ...groups.map(([id]) => `group ${id}`)], rows, 'groups').replace(
    '<table',
    `<table aria-label="${escapeHtml('KPIs per agent group')}"`,
  );
}
