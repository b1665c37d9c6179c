import type { CliCommand } from '../command.js';
import { erlangCommand } from './erlang.js';
import { loadtestCommand } from './loadtest.js';
import { maskCommand } from './mask.js';
import { mergeCommand } from './merge.js';
import { scheduleCommand } from './schedule.js';
import { serveCommand } from './serve.js';
import { simulateCommand } from './simulate.js';
import { staffCommand } from './staff.js';
import { traceCommand } from './trace.js';
import { validateCommand } from './validate.js';

/** Every subcommand of `ccsim`, in the order `--help` lists them. */
// biome-ignore lint/suspicious/noExplicitAny: each command has its own argument type
export const commands: CliCommand<any, any>[] = [
  simulateCommand,
  erlangCommand,
  validateCommand,
  serveCommand,
  maskCommand,
  traceCommand,
  loadtestCommand,
  mergeCommand,
  staffCommand,
  scheduleCommand,
];
