/**
 * What a mind asks to be woken for: the shell calls `BehaviourModel.wake(kind, subject)` when
 * the delay is over. Numbers, not closures, so that the simulator's events stay plain data. A
 * wake may come after its reason is gone (not every shell can cancel every timer): each handler
 * checks that it still applies.
 */

/** An agent accepts an offer. subject: the agent's AgentSlot. */
export const WAKE_ACCEPT = 0;
/** An agent submits a wrap-up. subject: the AgentSlot. */
export const WAKE_WRAP_UP = 1;
/** An agent in RONA makes itself Available again. subject: the AgentMind. */
export const WAKE_RONA_RETURN = 2;
/** An agent in RONA goes Idle for the rest of its shift. subject: the AgentMind. */
export const WAKE_RONA_IDLE = 3;
/** An agent whose shift ended and who holds nothing logs out. subject: the AgentMind. */
export const WAKE_LOGOUT = 4;
/** The owner's next step: a reply, a transfer, a conference, the end. subject: ConversationMind. */
export const WAKE_OWNER = 5;
/** The consulted agent is done: it leaves, or the owner ends the conference. subject: ConversationMind. */
export const WAKE_CONSULT_DONE = 6;
/** A customer writes their next message. subject: CustomerMind. */
export const WAKE_FOLLOW_UP = 7;
/** A waiting customer runs out of patience. subject: CustomerMind. */
export const WAKE_PATIENCE = 8;
/** An agent's break is over: Available again if still on shift. subject: the AgentMind. */
export const WAKE_BREAK_END = 9;

export type WakeKind = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export const WAKE_NAMES: readonly string[] = [
  'accept',
  'wrap-up',
  'rona-return',
  'rona-idle',
  'logout',
  'owner',
  'consult-done',
  'customer-message',
  'patience',
  'break-end',
];

/**
 * Wakes that are an agent's reaction to what its desktop just showed. With no delay they run
 * right after the event that caused them, before anything else due at the same instant (SimPy's
 * URGENT); other wakes due now run in the order they were asked for.
 */
export const REACTION_WAKES: readonly boolean[] = [
  true,
  true,
  false,
  true,
  true,
  false,
  false,
  false,
  false,
  false,
];

/** The handle of a wake that is not pending (or that the shell cannot cancel). */
export const NO_WAKE = -1;
