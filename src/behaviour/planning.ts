// Deep imports on purpose: the simulator's worker threads load this module, and the scenario
// module's index would bring the YAML parser and zod along.
import type { Behaviour } from '../scenario/behaviour.js';
import type { Random } from '../scenario/random.js';

/**
 * The arithmetic of the behaviour's plans: picking by cumulative weight, the concurrency
 * slow-down, message counts, and when the first owner of a conversation transfers it or starts a
 * conference. Pure; draws come from the generator a caller passes in.
 */

/** The index a uniform `u` in [0, 1) picks from cumulative weights. */
export function pick(cumulative: Float64Array, u: number): number {
  let i = 0;
  while (i < cumulative.length - 1 && u >= cumulative[i]!) i++;
  return i;
}

/** The concurrency slow-down of an agent holding `held` conversations (the last entry beyond). */
export function slowdownFor(slowdown: Float64Array, held: number): number {
  const i = held - 1;
  return slowdown[i < 0 ? 0 : i < slowdown.length ? i : slowdown.length - 1]!;
}

/** A customer's number of messages from a draw of `CustomerBehaviour.messages`: rounded up, ≥ 1. */
export function messageCount(drawn: number): number {
  return Math.max(1, Math.ceil(drawn));
}

/**
 * What the first owner of a conversation will do with it: target indexes into the plan's
 * `targets` (-1: none), the conference's length and who ends it.
 */
export interface HandOverDraw {
  transferTarget: number;
  conferenceTarget: number;
  conferenceMs: number;
  ownerEndsConference: boolean;
}

/**
 * Draws a conversation's transfer and conference plan into `into`, in a fixed order (transfer:
 * yes/no, target; conference: yes/no, target, duration, owner-ends). Every draw is made whether
 * or not it is used, so the stream stays aligned; fields of a plan not drawn stay as they are.
 * Allocates nothing (the simulator calls it once per arrival).
 */
export function drawHandOvers(behaviour: Behaviour, rng: Random, into: HandOverDraw): void {
  const transfer = behaviour.transfer;
  if (transfer !== null) {
    const go = rng.next() < transfer.probability;
    const target = pick(transfer.cumulative, rng.next());
    if (go) into.transferTarget = target;
  }
  const conference = behaviour.conference;
  if (conference !== null) {
    const go = rng.next() < conference.probability;
    const target = pick(conference.cumulative, rng.next());
    const duration = conference.durationMs(rng);
    const ownerEnds = rng.next() < conference.ownerEndsProbability;
    if (go) {
      into.conferenceTarget = target;
      into.conferenceMs = duration;
      into.ownerEndsConference = ownerEnds;
    }
  }
}

/** The first owner's schedule, kept on the conversation beside its `HandOverDraw`. */
export interface FirstOwnerSchedule extends HandOverDraw {
  /** Dialogue: after which reply the owner transfers / starts a conference (-1: never). */
  kTransfer: number;
  kConference: number;
  /** Handle-time model: when the owner ends, transfers, starts a conference (NaN: not planned). */
  tEnd: number;
  tTransfer: number;
  tConference: number;
}

/**
 * Dialogue, first owner: the conference after reply round(`at`·messages), the transfer after
 * reply round(`at`·messages); a conference planned for the transfer's round or later is dropped.
 */
export function planDialogueRounds(
  behaviour: Behaviour,
  messages: number,
  c: FirstOwnerSchedule,
): void {
  if (c.transferTarget >= 0) c.kTransfer = Math.round(behaviour.transfer!.at * messages);
  if (c.conferenceTarget >= 0) {
    const k = Math.round(behaviour.conference!.at * messages);
    if (c.kTransfer < 0 || k < c.kTransfer) c.kConference = k;
  }
}

/**
 * Handle-time model, an owner leg of `handleMs` (slow-down included) from `now`: the end, and for
 * the first owner the conference and the transfer at `at` of it (a conference not before the
 * transfer is dropped).
 */
export function planHandleTime(
  behaviour: Behaviour,
  now: number,
  handleMs: number,
  first: boolean,
  c: FirstOwnerSchedule,
): void {
  c.tEnd = now + handleMs;
  c.tTransfer = Number.NaN;
  c.tConference = Number.NaN;
  if (!first) return;
  if (c.transferTarget >= 0) c.tTransfer = now + behaviour.transfer!.at * handleMs;
  if (c.conferenceTarget >= 0) {
    const t = now + behaviour.conference!.at * handleMs;
    if (!(t >= c.tTransfer)) c.tConference = t;
  }
}

/** The handle-time model's next planned moment of an owner. */
export function nextHandleTimeStep(c: FirstOwnerSchedule): number {
  let t = c.tEnd;
  if (c.tTransfer < t) t = c.tTransfer;
  if (c.tConference < t) t = c.tConference;
  return t;
}
