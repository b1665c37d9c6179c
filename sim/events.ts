/**
 * The kinds of events the simulator schedules on the engine. Numbers, not closures: the world's
 * loop switches on them. `a` and `payload` of each event are noted beside it.
 */

/** A staffing interval starts. a: interval index. */
export const EV_INTERVAL = 0;
/** The next customer writes to an asset. a: asset index. */
export const EV_ARRIVAL = 1;
/** A waiting customer runs out of patience. payload: SimConversation. */
export const EV_PATIENCE = 2;
/** A customer sends a follow-up message. payload: SimConversation. */
export const EV_CUSTOMER_MESSAGE = 3;
/** A router timer (an offer deadline) expires. payload: the timer id. */
export const EV_TIMER = 4;
/** An agent accepts an offer. a: agent index; payload: PendingOffer. */
export const EV_ACCEPT = 5;
/** The owner's next step: a reply, a transfer, a conference, the end. payload: SimConversation. */
export const EV_OWNER = 6;
/** A conference's consulted agent is done (leaves, or the owner ends it). payload: SimConversation. */
export const EV_CONSULT_DONE = 7;
/** An agent submits a wrap-up. a: agent index; payload: conversation id. */
export const EV_WRAPUP = 8;
/** An agent in RONA makes itself Available again. a: agent index. */
export const EV_RONA_RETURN = 9;
/** An agent in RONA goes Idle for the rest of its shift. a: agent index. */
export const EV_RONA_IDLE = 10;
/** An agent whose shift ended and who holds nothing logs out. a: agent index. */
export const EV_LOGOUT = 11;
/** An administrator deletes an asset. a: asset index. */
export const EV_DELETE_ASSET = 12;
/** Queue lengths and agent states are sampled for the time series. */
export const EV_SAMPLE = 13;

export const EVENT_NAMES: readonly string[] = [
  'interval',
  'arrival',
  'patience',
  'customer-message',
  'timer',
  'accept',
  'owner',
  'consult-done',
  'wrap-up',
  'rona-return',
  'rona-idle',
  'logout',
  'delete-asset',
  'sample',
];
