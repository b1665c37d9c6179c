import type { Argv } from 'yargs';
import { isLoopbackHost } from '../server/index.js';
import { integerOption, stringOption } from './optionValues.js';
import { usageError } from './usage.js';

/** Where a live dashboard listens: loopback only, a given port or a free one. */
export interface DashboardPlan {
  readonly host: string;
  readonly port: number;
}

/** `--dashboard`, `--dashboard-host`, `--dashboard-port`, the same on `serve` and `loadtest`. */
export function withDashboardOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('dashboard', {
      type: 'boolean',
      default: false,
      describe:
        'Serve a live dashboard (charts updated every second) on loopback; its URL is printed',
    })
    .option('dashboard-host', {
      type: 'string',
      default: '127.0.0.1',
      describe: 'Loopback address of the dashboard (it has no authentication: loopback only)',
    })
    .option('dashboard-port', {
      type: 'number',
      default: 0,
      describe: 'Port of the dashboard; 0 picks a free one',
    });
}

/** The dashboard's plan, null without `--dashboard`; a non-loopback host is a usage error. */
export function dashboardPlan(args: {
  readonly dashboard?: boolean;
  readonly dashboardHost?: unknown;
  readonly dashboardPort?: unknown;
}): DashboardPlan | null {
  const host = stringOption('dashboard-host', args.dashboardHost) ?? '127.0.0.1';
  const port = integerOption('dashboard-port', args.dashboardPort, { min: 0, max: 65535 }) ?? 0;
  if (!isLoopbackHost(host)) {
    throw usageError(
      `--dashboard-host must be a loopback address (127.0.0.1, ::1, localhost): the dashboard has no authentication, got "${host}"`,
    );
  }
  return args.dashboard ? { host, port } : null;
}
