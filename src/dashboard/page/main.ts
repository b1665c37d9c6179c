import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import {
  type LiveChartDef,
  type LiveRows,
  liveCharts,
  SPAN_SIGNAL,
} from '../../report/dashboardCharts.js';
import { CHART_CONFIG } from '../../report/vegaSvg.js';
import { chartRows, chartSpan, type Tiles, tiles } from '../chartRows.js';
import type { DashboardEvent, DashboardSnapshot } from '../points.js';

/**
 * The dashboard page: charts a snapshot and then, live, every point the event stream brings; or,
 * in a saved report, the snapshot inlined in the page. Vega runs with its expression interpreter
 * (no code generated at run time, so the page's CSP needs no 'unsafe-eval'), and renders SVG.
 */

interface Chart {
  readonly def: LiveChartDef;
  readonly figure: HTMLElement;
  readonly view: vega.View;
}

const charts: Chart[] = [];
let snapshot: DashboardSnapshot | null = null;
let drawing: Promise<void> = Promise.resolve();
let pending = false;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string } = {},
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.className) el.className = props.className;
  if (props.text !== undefined) el.textContent = props.text;
  return el;
}

function setStatus(text: string, state: 'live' | 'done' | 'error' | 'connecting'): void {
  const status = document.getElementById('status')!;
  status.textContent = text;
  status.dataset.state = state;
}

async function build(s: DashboardSnapshot): Promise<void> {
  document.getElementById('title')!.textContent = s.title;
  document.title = s.title;
  const main = document.getElementById('charts')!;
  main.replaceChildren();
  charts.length = 0;
  const sides = { server: s.hasServer, load: s.hasLoad };
  for (const id of liveCharts(sides).map((d) => d.id)) {
    const figure = element('figure', { className: 'chart' });
    figure.dataset.chart = id;
    main.append(figure);
  }
  // Each chart as wide as its grid column, known once the figures are laid out.
  const column = main.querySelector('figure')?.clientWidth ?? 600;
  const defs = liveCharts(sides, Math.max(300, column - 32));
  for (const [i, def] of defs.entries()) {
    const figure = main.children[i] as HTMLElement;
    figure.append(element('h2', { text: def.title }));
    const holder = element('div', { className: 'view' });
    figure.append(holder, element('p', { className: 'note', text: def.note }));
    const spec = { ...def.spec, config: CHART_CONFIG } as TopLevelSpec;
    const runtime = vega.parse(compile(spec).spec, undefined, { ast: true });
    const view = new vega.View(runtime, {
      expr: expressionInterpreter,
      renderer: 'svg',
      container: holder,
      hover: false,
    } as vega.ViewOptions);
    charts.push({ def, figure, view });
  }
}

const TILES: readonly [keyof Tiles, string, (v: never) => string][] = [
  ['throughput', 'webhooks/s', (v: number) => v.toFixed(1)],
  ['ackP99', 'ack p99 (ms)', (v: number) => v.toFixed(1)],
  ['serviceLevel', 'service level', (v: number) => `${(v * 100).toFixed(1)}%`],
  ['waiting', 'waiting', (v: number) => String(v)],
  ['available', 'agents Available', (v: number) => String(v)],
  ['slots', 'slots busy', (v: string) => v],
  ['leaks', 'leaks', (v: number) => String(v)],
  ['lost', 'lost', (v: number) => String(v)],
];

function drawTiles(s: DashboardSnapshot): void {
  const box = document.getElementById('tiles')!;
  const t = tiles(s);
  box.replaceChildren(
    ...TILES.filter(([key]) => t[key] !== null || (key === 'lost' && s.hasLoad)).map(
      ([key, label, format]) => {
        const tile = element('div', { className: 'tile' });
        tile.dataset.tile = key;
        const value = t[key];
        tile.dataset.value = value === null ? '' : String(value);
        const bad = (key === 'leaks' || key === 'lost') && typeof value === 'number' && value > 0;
        if (bad) tile.classList.add('bad');
        tile.append(
          element('span', {
            className: 'value',
            text: value === null ? 'at the end' : format(value as never),
          }),
          element('span', { className: 'label', text: label }),
        );
        return tile;
      },
    ),
  );
}

async function draw(): Promise<void> {
  const s = snapshot;
  if (s === null) return;
  drawTiles(s);
  const rows: LiveRows = chartRows(s);
  const span = chartSpan(s);
  for (const chart of charts) {
    chart.view.signal(SPAN_SIGNAL, span);
    const data = rows[chart.def.data];
    chart.figure.dataset.points = String(data.length);
    chart.view.data(chart.def.data, data as unknown as object[]);
    await chart.view.runAsync();
  }
  document.body.dataset.rendered = String(Number(document.body.dataset.rendered ?? '0') + 1);
}

/** Redraws once per burst of events, never two draws at a time. */
function redraw(): void {
  if (pending) return;
  pending = true;
  drawing = drawing.then(async () => {
    pending = false;
    await draw();
  });
}

function apply(event: DashboardEvent): void {
  if (event.type === 'snapshot') {
    const first = snapshot === null;
    snapshot = event.snapshot;
    if (first) drawing = drawing.then(() => build(event.snapshot));
  } else if (snapshot !== null) {
    if (event.type === 'server')
      snapshot = { ...snapshot, server: [...snapshot.server, event.point] };
    else if (event.type === 'load')
      snapshot = { ...snapshot, load: [...snapshot.load, event.point] };
    else snapshot = { ...snapshot, final: event.final, done: true };
  }
  if (snapshot?.done) setStatus('finished', 'done');
  redraw();
}

function live(): void {
  setStatus('connecting…', 'connecting');
  const source = new EventSource('events');
  for (const type of ['snapshot', 'server', 'load', 'final'] as const) {
    source.addEventListener(type, (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as unknown;
      apply(
        type === 'snapshot'
          ? { type, snapshot: data as DashboardSnapshot }
          : type === 'final'
            ? { type, final: data as DashboardSnapshot['final'] }
            : ({ type, point: data } as DashboardEvent),
      );
      if (type === 'final') source.close();
      else if (!snapshot?.done) setStatus('live', 'live');
    });
  }
  source.onerror = () => {
    if (!snapshot?.done) setStatus('disconnected: the run is over or the server stopped', 'error');
  };
}

const inline = document.getElementById('dashboard-data');
if (inline?.textContent) {
  const saved = JSON.parse(inline.textContent) as DashboardSnapshot;
  apply({ type: 'snapshot', snapshot: saved });
  setStatus(saved.done ? 'saved report' : 'saved report (run not finished)', 'done');
} else {
  live();
}
