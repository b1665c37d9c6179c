import type * as vega from 'vega';
import type * as vl from 'vega-lite';

// vega and vega-lite are loaded on the first chart, not with the module: they take about 80 MB,
// which `ccsim simulate --no-report` (and the staffing search, the server) never need, and a
// report loads them after the simulation has let go of its memory, not on top of it.
let libraries: Promise<{ vega: typeof vega; vl: typeof vl }> | null = null;
function loadLibraries(): Promise<{ vega: typeof vega; vl: typeof vl }> {
  libraries ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vl]) => ({
    vega,
    vl,
  }));
  return libraries;
}

/** A vega-lite spec; the report builds its own, so the loose type of vega-lite's is enough. */
export type ChartSpec = vl.TopLevelSpec;

/** Shared look of every chart: sizes, fonts, no outer frame. */
const CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  background: '#ffffff',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e5e7eb' },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'top', labelLimit: 400 },
  title: { fontSize: 13, anchor: 'start' },
} as const;

/** Thrown when vega reports an error while compiling or rendering a chart. */
export class ChartError extends Error {
  readonly code = 'REPORT_CHART_FAILED';
}

/**
 * Renders a vega-lite spec to an SVG string in Node: vega-lite compiles it to a vega spec, a
 * headless vega View (renderer `none`, no canvas, no DOM) runs the dataflow and serialises the
 * scenegraph. No scripts end up in the page: the SVG is inlined as is. Warnings are collected
 * (returned) instead of going to the console; errors throw.
 */
export async function renderSvg(spec: ChartSpec): Promise<{ svg: string; warnings: string[] }> {
  const { vega, vl } = await loadLibraries();
  const warnings: string[] = [];
  const logger = collectingLogger(vega, warnings);
  let view: vega.View | undefined;
  try {
    const compiled = vl.compile(
      { ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as vl.TopLevelSpec,
      {
        logger,
      },
    );
    view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', logger });
    const svg = await view.toSVG();
    return { svg, warnings };
  } catch (err) {
    throw new ChartError(`chart failed: ${(err as Error).message}`);
  } finally {
    view?.finalize();
  }
}

function collectingLogger(lib: typeof vega, warnings: string[]): vega.LoggerInterface {
  let level = lib.Warn;
  const logger: vega.LoggerInterface = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: readonly unknown[]) {
      throw new ChartError(args.map(String).join(' '));
    },
    warn(...args: readonly unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  } as vega.LoggerInterface;
  return logger;
}

/** The shared look, for pages that render these specs themselves (the live dashboard). */
export { CONFIG as CHART_CONFIG };
