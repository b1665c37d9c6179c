import type { CommandEntry } from '../command.js';

/**
 * Every subcommand of `ccsim`, in the order `--help` lists them. A command's module is imported
 * only when that command runs (`CommandEntry`).
 */
export const commands: readonly CommandEntry[] = [
  {
    command: 'simulate <scenario>',
    describe: 'Simulate a scenario: KPIs per interval with confidence intervals, summary.json',
    load: async () => (await import('./simulate.js')).simulateCommand,
  },
  {
    command: 'erlang',
    describe: 'Erlang C / Erlang A for one interval: service level, ASA, P(wait), abandonment',
    load: async () => (await import('./erlang.js')).erlangCommand,
  },
  {
    command: 'validate <scenario...>',
    describe: 'Check scenario files and summarize them',
    load: async () => (await import('./validate.js')).validateCommand,
  },
  {
    command: 'serve <scenario>',
    describe: 'Run the live reference deployment (webhook, agent WebSocket, admin API, metrics)',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  {
    command: 'mask [file...]',
    describe: 'Mask e-mails, IBANs, cards, SSNs and phone numbers in files or stdin, line by line',
    load: async () => (await import('./mask.js')).maskCommand,
  },
  {
    command: 'trace <scenario>',
    describe: 'Write the customer side of a simulated run (the traffic a load test replays)',
    load: async () => (await import('./trace.js')).traceCommand,
  },
  {
    command: 'loadtest <scenario>',
    describe:
      'Replay a simulated run against a live deployment: latency, leaks, loss, predicted vs measured',
    load: async () => (await import('./loadtest.js')).loadtestCommand,
  },
  {
    command: 'merge <dirs...>',
    describe: 'Merge the shard outputs of `simulate` or `staff --shard k/n` into one result',
    load: async () => (await import('./merge.js')).mergeCommand,
  },
  {
    command: 'staff <scenario>',
    describe: 'Agents needed per interval for a service-level target (Erlang start, simulation)',
    load: async () => (await import('./staff.js')).staffCommand,
  },
  {
    command: 'schedule <scenario>',
    describe: 'A roster of shifts and breaks that covers the staffing at least cost (HiGHS)',
    load: async () => (await import('./schedule.js')).scheduleCommand,
  },
];
