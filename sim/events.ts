import { WAKE_NAMES } from '../src/behaviour/wakes.js';

/**
 * The kinds of events the simulator schedules on its engine. Numbers, not closures: the run's
 * loop switches on them. `arg` and `payload` of each event are noted beside it. What agents and
 * customers decide to do later is one kind, EV_WAKE: the behaviour model's wakes.
 */

/** A staffing interval starts. arg: interval index. */
export const EV_INTERVAL = 0;
/** The next customer writes to an asset. arg: asset index. */
export const EV_ARRIVAL = 1;
/** A router timer (an offer deadline) expires. payload: the timer id. */
export const EV_TIMER = 2;
/** An administrator deletes an asset. arg: asset index. */
export const EV_DELETE_ASSET = 3;
/** Queue lengths and agent states are sampled for the time series. */
export const EV_SAMPLE = 4;
/** A wake of the behaviour model. arg: its kind (WAKE_*); payload: its subject. */
export const EV_WAKE = 5;
/** A customer writes again after a conversation (a re-contact). payload: their CustomerMind then. */
export const EV_RECONTACT = 6;
/** A scheduled break of a group is due. arg: its index in the replication's break plan. */
export const EV_BREAK = 7;

const SHELL_EVENT_NAMES: readonly string[] = [
  'interval',
  'arrival',
  'timer',
  'delete-asset',
  'sample',
  'wake',
  'recontact',
  'break',
];

/** An event's name, for messages: the shell's events by kind, the wakes by their own kind. */
export function eventName(kind: number, arg: number): string {
  if (kind === EV_WAKE) return WAKE_NAMES[arg] ?? `wake ${arg}`;
  return SHELL_EVENT_NAMES[kind] ?? String(kind);
}
