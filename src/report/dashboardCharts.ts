import type { ChartSpec } from './vegaSvg.js';

/**
 * The live dashboard's charts as vega-lite specs over named data sets, so that a page renders a
 * spec once and then replaces its rows as points come (`view.data(name, rows)`). The same specs
 * draw the saved report, where the rows are inlined. x is seconds since the dashboard started.
 */
export interface LiveChartDef {
  readonly id: LiveChartId;
  readonly title: string;
  readonly note: string;
  /** The named data set the spec reads (rows of `LiveRows[id]`). */
  readonly data: LiveChartId;
  readonly spec: ChartSpec;
}

export type LiveChartId =
  | 'queues'
  | 'serviceLevel'
  | 'agents'
  | 'ack'
  | 'throughput'
  | 'errors'
  | 'checks';

/** The rows each chart reads. */
export interface LiveRows {
  readonly queues: readonly { t: number; queue: string; waiting: number }[];
  readonly serviceLevel: readonly { t: number; scope: string; sl: number }[];
  readonly agents: readonly { t: number; status: string; agents: number }[];
  readonly ack: readonly { t: number; series: string; ms: number }[];
  readonly throughput: readonly { t: number; series: string; perSecond: number }[];
  readonly errors: readonly { t: number; series: string; perSecond: number }[];
  readonly checks: readonly { t: number; series: string; count: number }[];
}

const X = {
  field: 't',
  type: 'quantitative',
  title: 'seconds since start',
  // Every chart spans the whole run so far (the page sets SPAN), so their x axes line up.
  scale: { domainMin: 0, domainMax: { expr: 'SPAN' }, nice: false },
  axis: { tickMinStep: 1, labelOverlap: true, labelFlush: true },
} as const;

/** The signal of the x axis' end: seconds since the start of the newest point. */
export const SPAN_SIGNAL = 'SPAN';
const PARAMS = [{ name: SPAN_SIGNAL, value: 1 }];

/** Counts from 0, and at least up to 1: a run with nothing waiting shows a flat line at 0. */
const COUNT_SCALE = { domain: { unionWith: [0, 1] as number[] }, nice: true };
const COUNT_AXIS = { tickMinStep: 1, format: 'd' } as const;

/**
 * The width is the chart's whole, axes and legend included (the page gives its column's), laid
 * out again on every update: a legend that appears with the first rows gets its room.
 */
const AUTOSIZE = { type: 'fit-x', contains: 'padding', resize: true } as const;

function line(
  data: LiveChartId,
  width: number,
  height: number,
  y: Record<string, unknown>,
  color: Record<string, unknown>,
  extra: { readonly point?: boolean } = {},
): ChartSpec {
  return {
    width,
    height,
    autosize: AUTOSIZE,
    params: PARAMS,
    data: { name: data },
    mark: { type: 'line', interpolate: 'step-before', point: extra.point === true },
    encoding: { x: X, y, color },
  } as ChartSpec;
}

/**
 * The charts a dashboard shows: the server's side (queues, service level, agents, its own ack
 * latency, throughput, errors) when it has one, the load side's extra series when it has one.
 */
export function liveCharts(
  sides: { readonly server: boolean; readonly load: boolean },
  width = 560,
): LiveChartDef[] {
  const height = 180;
  const charts: LiveChartDef[] = [];
  if (sides.server) {
    charts.push(
      {
        id: 'queues',
        title: 'Queue lengths',
        note: 'Conversations waiting in each queue, sampled every second.',
        data: 'queues',
        spec: line(
          'queues',
          width,
          height,
          {
            field: 'waiting',
            type: 'quantitative',
            title: 'waiting',
            scale: COUNT_SCALE,
            axis: COUNT_AXIS,
          },
          { field: 'queue', type: 'nominal', title: null },
        ),
      },
      {
        id: 'serviceLevel',
        title: 'Service level so far',
        note: "Answered within the scenario's threshold over its definition's denominator, of the conversations finished so far: the tenant and each queue.",
        data: 'serviceLevel',
        spec: line(
          'serviceLevel',
          width,
          height,
          {
            field: 'sl',
            type: 'quantitative',
            title: 'service level',
            scale: { domain: [0, 1] },
            axis: { format: '.0%' },
          },
          { field: 'scope', type: 'nominal', title: null },
        ),
      },
      {
        id: 'agents',
        title: 'Agents by state',
        note: 'Agents by status, stacked (Available agents may be busy: their slots are in the tiles above).',
        data: 'agents',
        spec: {
          width,
          height,
          autosize: AUTOSIZE,
          params: PARAMS,
          data: { name: 'agents' },
          mark: { type: 'area', interpolate: 'step-before' },
          encoding: {
            x: X,
            y: { field: 'agents', type: 'quantitative', title: 'agents', stack: 'zero' },
            color: {
              field: 'status',
              type: 'nominal',
              title: null,
              scale: {
                domain: ['Available', 'Idle', 'RONA', 'LoggedOut'],
                range: ['#16a34a', '#9ca3af', '#dc2626', '#e5e7eb'],
              },
            },
          },
        } as ChartSpec,
      },
    );
  }
  charts.push({
    id: 'ack',
    title: 'Webhook acknowledgement latency',
    note: sides.load
      ? 'p50, p95 and p99 of each second: as the server timed its answers, and as the load test measured them from the intended send time (coordinated omission corrected).'
      : 'p50, p95 and p99 of each second, request in to response written, as the server timed them.',
    data: 'ack',
    spec: line(
      'ack',
      width,
      height,
      { field: 'ms', type: 'quantitative', title: 'latency (ms)', scale: { type: 'symlog' } },
      { field: 'series', type: 'nominal', title: null },
      // Steps without webhooks have no percentiles: points show which steps had some.
      { point: true },
    ),
  });
  charts.push(
    {
      id: 'throughput',
      title: 'Throughput',
      note: 'Per second: webhooks answered and customer messages applied by the server; webhooks sent and acknowledged by the load test.',
      data: 'throughput',
      spec: line(
        'throughput',
        width,
        height,
        { field: 'perSecond', type: 'quantitative', title: 'per second', scale: COUNT_SCALE },
        { field: 'series', type: 'nominal', title: null, legend: { columns: 2 } },
      ),
    },
    {
      id: 'errors',
      title: 'Errors',
      note: 'Per second: errors the server answered (HTTP and WebSocket), webhooks the load test saw fail.',
      data: 'errors',
      spec: {
        width,
        height: 110,
        autosize: AUTOSIZE,
        params: PARAMS,
        data: { name: 'errors' },
        mark: { type: 'bar', width: { band: 1 } },
        encoding: {
          x: X,
          y: {
            field: 'perSecond',
            type: 'quantitative',
            title: 'errors/s',
            scale: COUNT_SCALE,
          },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { range: ['#dc2626', '#f59e0b'] },
          },
        },
      } as ChartSpec,
    },
  );
  if (sides.load) {
    charts.push({
      id: 'checks',
      title: 'Leaks and unconfirmed messages',
      note: 'Planted secrets an agent saw unmasked (so far), and acknowledged messages not yet seen on any desktop: those still missing at the end, and in no record, are lost.',
      data: 'checks',
      spec: line(
        'checks',
        width,
        height,
        {
          field: 'count',
          type: 'quantitative',
          title: 'messages',
          scale: COUNT_SCALE,
          axis: COUNT_AXIS,
        },
        {
          field: 'series',
          type: 'nominal',
          title: null,
          scale: { domain: ['leaks', 'unconfirmed'], range: ['#dc2626', '#6b7280'] },
        },
      ),
    });
  }
  return charts;
}
