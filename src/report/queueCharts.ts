import type { AggregatedKpiSet } from '../kpi/index.js';
import { serviceLevelText } from './serviceLevelText.js';
import { type ChartDef, intervalX, serviceLevelBandLayers } from './simulationCharts.js';
import type { SimulationReportInput } from './types.js';

/**
 * The report's per-queue and per-group charts as vega-lite specs (pure, exported for other
 * pages to reuse): each queue's service level per interval against its own target, and each
 * agent group's occupancy per interval. Measured intervals only, as the totals' charts.
 */

const WIDTH = 940;

function measured(input: SimulationReportInput): { label: string; set: AggregatedKpiSet }[] {
  return input.intervals
    .map((label, i) => ({ label, set: input.kpis.intervals[i]!, i }))
    .filter(({ i }) => input.verdict.intervals[i]?.status !== 'warm-up');
}

/** One chart per queue: its service level per interval, 95% band, its own target dashed. */
export function queueServiceLevelCharts(input: SimulationReportInput): ChartDef[] {
  const rows = measured(input);
  const labels = rows.map((r) => r.label);
  return Object.entries(input.serviceLevel.queues ?? {}).flatMap(([id, sl]) => {
    if (!input.kpis.total.queues?.[id]) return [];
    const values = rows.flatMap(({ label, set }) => {
      const s = set.queues[id]?.serviceLevel;
      if (!s || s.mean === null) return [];
      // A ratio's t interval can pass 0 or 1; the band is drawn within what an SL can be.
      const low = Math.max(0, s.low ?? s.mean);
      const high = Math.min(1, s.high ?? s.mean);
      return [{ interval: label, mean: s.mean, low, high }];
    });
    // A queue nothing entered first (reached by transfers only) has no service level to draw.
    if (values.length === 0) return [];
    return [
      {
        id: `queue-service-level-${id}`,
        title: `Queue ${id}: service level per interval (target ${Math.round(sl.target * 100)}% within ${sl.thresholdSeconds} s)`,
        note: `SL = ${serviceLevelText(sl, input.serviceLevel.shortAbandonSeconds)}, over the conversations that entered this queue first. Mean over replications with its 95% confidence interval (band); dashed: the queue's target.${values.length < rows.length ? ' Intervals with nothing offered have no point.' : ''}`,
        spec: {
          width: WIDTH,
          height: 160,
          data: { values },
          layer: serviceLevelBandLayers(labels, values, sl.target),
        },
      },
    ];
  });
}

/** Each agent group's occupancy per interval, one line per group. */
export function groupOccupancyChart(input: SimulationReportInput): ChartDef | null {
  const groups = Object.keys(input.kpis.total.groups ?? {});
  if (groups.length === 0) return null;
  const rows = measured(input);
  const values = rows.flatMap(({ label, set }) =>
    groups.flatMap((g) => {
      const s = set.groups[g]?.occupancy;
      return s?.mean == null ? [] : [{ interval: label, group: g, value: s.mean }];
    }),
  );
  return {
    id: 'group-occupancy',
    title: 'Occupancy per agent group per interval',
    note: "Busy slot time / staffed slot time of the group's agents, mean over replications. An interval where a group had no one staffed has no point.",
    spec: {
      width: WIDTH,
      height: 200,
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: intervalX(rows.map((r) => r.label)),
        y: {
          field: 'value',
          type: 'quantitative',
          title: 'occupancy',
          axis: { format: '%' },
          scale: { domain: [0, 1] },
        },
        color: { field: 'group', type: 'nominal', title: 'group', sort: groups },
      },
    },
  };
}
