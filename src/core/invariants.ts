import { happened } from './notYet.js';
import type { Conversation, QueueRuntime, RouterState } from './state.js';

/**
 * Checks the router's state for violations of what must always hold; returns them as sentences
 * (empty when all is well). Kept beside the router, not inside it (as TigerBeetle keeps its
 * checkers): the simulator's test mode and the property tests call it after every command.
 */
export function checkInvariants(state: RouterState): string[] {
  const errors: string[] = [];
  const err = (message: string) => errors.push(message);

  let offerCount = 0;
  for (const agent of state.agentList) {
    const id = agent.config.id;
    const engaged = agent.offers.size + agent.active.size + agent.wrapUps.size;
    if (agent.engaged !== engaged)
      err(`agent ${id}: engaged ${agent.engaged} but holds ${engaged}`);
    if (engaged > agent.capacity)
      err(`agent ${id}: ${engaged} slots over capacity ${agent.capacity}`);
    if (agent.offers.size > 0 && agent.status !== 'Available') {
      err(`agent ${id}: has offers while ${agent.status}`);
    }
    if (agent.status === 'LoggedOut' && engaged > 0)
      err(`agent ${id}: logged out holding ${engaged} slots`);
    const shouldBeReady = agent.status === 'Available' && engaged < agent.capacity;
    if (agent.ready !== shouldBeReady) err(`agent ${id}: ready flag out of step`);
    for (const { heap, member, queue } of agent.heaps) {
      if (heap.has(member) !== shouldBeReady)
        err(`agent ${id}: ready heap of queue ${queue.config.id} out of step`);
    }
    for (const [conversationId, offer] of agent.offers) {
      offerCount++;
      if (state.offers.get(offer.id) !== offer)
        err(`agent ${id}: offer ${offer.id} not registered`);
      if (offer.conversation.id !== conversationId)
        err(`agent ${id}: offer ${offer.id} keyed wrongly`);
    }
    for (const conversationId of agent.active) {
      const c = state.conversations.get(conversationId);
      if (!c) err(`agent ${id}: active in unknown conversation ${conversationId}`);
      else if (c.owner !== id && !c.consulted.includes(id)) {
        err(`agent ${id}: active in ${conversationId} but not a participant`);
      }
    }
    for (const [conversationId, leg] of agent.wrapUps) {
      if (!state.conversations.has(conversationId)) {
        err(`agent ${id}: wrap-up for a final conversation ${conversationId}`);
      }
      if (!happened(leg.endedAt) || happened(leg.wrapUpAt))
        err(`agent ${id}: wrap-up leg in wrong state`);
    }
  }
  if (offerCount !== state.offers.size)
    err(`offers: ${state.offers.size} registered, ${offerCount} held`);

  const queued = new Set<Conversation>();
  let armed = 0;
  for (const queue of state.queueList) {
    let live = 0;
    for (const item of queue.items) {
      live++;
      if (item.overflowTimer !== null) {
        armed++;
        if (state.overflowTimers.get(item.overflowTimer)?.item !== item) {
          err(`queue ${queue.config.id}: overflow timer ${item.overflowTimer} not registered`);
        }
      }
      const c = item.conversation;
      if (item.kind === 'conversation') {
        if (c.item !== item) err(`queue ${queue.config.id}: stale item for ${c.id}`);
        if (queued.has(c)) err(`conversation ${c.id}: in more than one queue`);
        queued.add(c);
      } else if (c.conferenceItem !== item) {
        err(`queue ${queue.config.id}: stale conference item for ${c.id}`);
      }
    }
    if (live !== queue.items.size)
      err(`queue ${queue.config.id}: size ${queue.items.size} but ${live} live`);
    checkQueueIndex(state, queue, err);
  }

  // Every armed overflow timer belongs to an item still waiting (checked above, one to one).
  if (armed !== state.overflowTimers.size)
    err(`overflow timers: ${state.overflowTimers.size} registered, ${armed} on waiting items`);

  for (const c of state.conversations.values()) {
    checkConversation(state, c, queued, err);
  }
  for (const [assetId, customerId, c] of state.openByCustomer.entries()) {
    if (state.conversations.get(c.id) !== c || c.status === 'ended') {
      err(`customer index ${assetId}/${customerId}: points at a closed conversation ${c.id}`);
    }
  }
  return errors;
}

/** The queue's counts, ready heaps and place among the active queues (dispatch.ts). */
function checkQueueIndex(
  state: RouterState,
  queue: QueueRuntime,
  err: (message: string) => void,
): void {
  const id = queue.config.id;
  let conversations = 0;
  for (const item of queue.items) if (item.kind === 'conversation') conversations++;
  if (conversations !== queue.waitingConversations)
    err(
      `queue ${id}: ${queue.waitingConversations} waiting conversations, counted ${conversations}`,
    );
  const heaps = [...queue.readyByRank, ...queue.overflow.map((rule) => rule.ready)];
  let ready = 0;
  for (const heap of heaps) {
    ready += heap.size;
    if (!heap.isOrdered()) err(`queue ${id}: a ready heap is out of policy order`);
  }
  if (ready !== queue.readyAgents)
    err(`queue ${id}: ${queue.readyAgents} ready agents, counted ${ready}`);
  const active = queue.items.size > 0 && ready > 0;
  const at = queue.activeAt;
  if (active !== (at !== -1) || (at !== -1 && state.active.list[at] !== queue))
    err(`queue ${id}: active set out of step`);
}

function checkConversation(
  state: RouterState,
  c: Conversation,
  queued: Set<Conversation>,
  err: (message: string) => void,
): void {
  // Exactly one place: a queue, one agent's offer, an owner, or (ended) nobody but wrap-ups.
  const places = [queued.has(c), c.offer !== null, c.owner !== null].filter(Boolean).length;
  const expected = c.status === 'ended' ? 0 : 1;
  if (places !== expected) err(`conversation ${c.id} (${c.status}): in ${places} places`);
  if (c.status === 'queued' && !queued.has(c)) err(`conversation ${c.id}: queued but in no queue`);
  if (c.status === 'offered' && c.offer === null)
    err(`conversation ${c.id}: offered without offer`);
  if (c.status === 'active' && c.owner === null) err(`conversation ${c.id}: active without owner`);
  if (c.status !== 'active' && c.consulted.length > 0)
    err(`conversation ${c.id}: consulted while ${c.status}`);
  if (c.status === 'ended' && c.openLegs === 0)
    err(`conversation ${c.id}: ended and done but not final`);
  if (c.owner !== null && !state.agents.get(c.owner)?.active.has(c.id)) {
    err(`conversation ${c.id}: owner ${c.owner} does not hold it`);
  }
  for (const id of c.consulted) {
    if (!state.agents.get(id)?.active.has(c.id))
      err(`conversation ${c.id}: consulted ${id} does not hold it`);
  }
  const openLegs = c.legs.filter((l) => !happened(l.wrapUpAt)).length;
  if (openLegs !== c.openLegs)
    err(`conversation ${c.id}: openLegs ${c.openLegs}, counted ${openLegs}`);
  for (const leg of c.legs) {
    const agent = state.agents.get(leg.agentId)!;
    if (!happened(leg.endedAt) && !agent.active.has(c.id))
      err(`conversation ${c.id}: open leg of ${leg.agentId} not held`);
    if (happened(leg.endedAt) && !happened(leg.wrapUpAt) && agent.wrapUps.get(c.id) !== leg) {
      err(`conversation ${c.id}: ${leg.agentId}'s wrap-up is not pending`);
    }
  }
  if (c.conferenceItem && c.conferenceOffer)
    err(`conversation ${c.id}: conference both queued and offered`);
  if ((c.conferenceItem || c.conferenceOffer) && c.status !== 'active') {
    err(`conversation ${c.id}: conference request while ${c.status}`);
  }
}
