import { happened, orNull } from './notYet.js';
import type { AgentStatus } from './records.js';
import type { ConversationStatus, RouterState } from './state.js';
import {
  type InteractionPaneView,
  interactionPaneView,
  offerElapsedSeconds,
  type PopoverView,
  popoverView,
} from './views.js';

/** Read-only questions a desktop or a shell asks; they change nothing and need no journal. */

function matches(search: string | undefined, ...texts: string[]): boolean {
  const term = search?.trim().toLocaleLowerCase();
  if (!term) return true;
  return texts.some((t) => t.toLocaleLowerCase().includes(term));
}

export interface QueueListEntry {
  readonly id: string;
  readonly name: string;
  readonly waiting: number;
  readonly availableAgents: number;
}

/** SPEC R14: the queues a conversation can be transferred or conferenced to, filtered by name. */
export function availableQueues(state: RouterState, search?: string): QueueListEntry[] {
  return state.queueList
    .filter((q) => matches(search, q.config.name, q.config.id))
    .map((q) => ({
      id: q.config.id,
      name: q.config.name,
      waiting: q.items.size,
      availableAgents: q.agents.filter((a) => a.ready).length,
    }));
}

export interface AgentListEntry {
  readonly id: string;
  readonly name: string;
  readonly freeSlots: number;
}

/** SPEC R14: agents that can take a transfer or conference now (Available, a free slot). */
export function availableAgents(
  state: RouterState,
  search?: string,
  excludeAgentId?: string,
): AgentListEntry[] {
  return state.agentList
    .filter(
      (a) =>
        a.ready && a.config.id !== excludeAgentId && matches(search, a.config.name, a.config.id),
    )
    .map((a) => ({ id: a.config.id, name: a.config.name, freeSlots: a.capacity - a.engaged }));
}

/**
 * The entries of `availableAgents` for the given agents only, in tenant order: what the list
 * shows of one group, without walking every agent of the tenant (a simulator asks this per
 * transfer). Unknown ids are left out.
 */
export function availableAgentsAmong(
  state: RouterState,
  agentIds: readonly string[],
  excludeAgentId?: string,
): AgentListEntry[] {
  const out: AgentListEntry[] = [];
  for (const id of agentIds) {
    const a = state.agents.get(id);
    if (a === undefined || id === excludeAgentId || !a.ready) continue;
    out.push({ id, name: a.config.name, freeSlots: a.capacity - a.engaged });
  }
  out.sort((x, y) => state.agents.get(x.id)!.index - state.agents.get(y.id)!.index);
  return out;
}

/** SPEC R20: the wrap-up reasons, filtered by the dialog's search term. */
export function wrapUpReasons(
  state: RouterState,
  search?: string,
): { id: string; label: string }[] {
  return state.tenant.wrapUpReasons
    .filter((r) => matches(search, r.label, r.id))
    .map((r) => ({ id: r.id, label: r.label }));
}

export interface OpenConversation {
  readonly conversationId: string;
  /** `queued`, `offered` (waiting for a first answer or a transfer's) or `active`. */
  readonly status: ConversationStatus;
  readonly queueId: string;
  readonly arrivedAt: number;
  /** The first accept, null while never answered (a transfer may queue an answered one again). */
  readonly answeredAt: number | null;
}

/**
 * The customer's open conversation on an asset: the one a new message of theirs would join
 * (an ended conversation waiting for wrap-ups is no longer the customer's). Undefined when none.
 */
export function openConversationOf(
  state: RouterState,
  assetId: string,
  customerId: string,
): OpenConversation | undefined {
  const c = state.openByCustomer.get(assetId, customerId);
  if (c === undefined) return undefined;
  return {
    conversationId: c.id,
    status: c.status,
    queueId: c.queueId,
    arrivedAt: c.arrivedAt,
    answeredAt: orNull(c.acceptedAt),
  };
}

/** Whether an asset (phone_number_id) is in the tenant, and whether it was deleted (SPEC R8). */
export type AssetStatus = 'active' | 'deleted' | 'unknown';

export function assetStatus(state: RouterState, assetId: string): AssetStatus {
  if (!state.assets.has(assetId)) return 'unknown';
  return state.deletedAssets.has(assetId) ? 'deleted' : 'active';
}

/** An offer waiting for Accept; its id is also the id of the timer of its RONA deadline. */
export interface PendingOffer {
  readonly offerId: string;
  readonly conversationId: string;
  readonly agentId: string;
  readonly deadline: number;
}

/** Every pending offer, oldest first: what a shell re-arms timers for after a restart. */
export function pendingOffers(state: RouterState): PendingOffer[] {
  return [...state.offers.values()].map((o) => ({
    offerId: o.id,
    conversationId: o.conversation.id,
    agentId: o.agent.config.id,
    deadline: o.deadline,
  }));
}

export function hasPendingOffer(state: RouterState, offerId: string): boolean {
  return state.offers.has(offerId);
}

/** A timer the router has armed and not yet seen fire or cancelled. */
export interface PendingTimer {
  readonly timerId: string;
  readonly at: number;
}

/**
 * Every armed timer: offer deadlines (RONA) and overflow timers (a waiting conversation reaches
 * another agent group). What a shell re-arms after a restart.
 */
export function pendingTimers(state: RouterState): PendingTimer[] {
  const timers: PendingTimer[] = [];
  for (const o of state.offers.values()) timers.push({ timerId: o.id, at: o.deadline });
  for (const [timerId, t] of state.overflowTimers) timers.push({ timerId, at: t.at });
  return timers;
}

export function hasPendingTimer(state: RouterState, timerId: string): boolean {
  return state.offers.has(timerId) || state.overflowTimers.has(timerId);
}

/** An agent's id and name, or undefined for an agent not in the tenant. */
export function agentIdentity(
  state: RouterState,
  agentId: string,
): { readonly id: string; readonly name: string } | undefined {
  const agent = state.agents.get(agentId);
  return agent ? { id: agent.config.id, name: agent.config.name } : undefined;
}

/** One agent as an administrator sees it (not masked: no customer data in it). */
export interface AgentOverview {
  readonly agentId: string;
  readonly name: string;
  readonly status: AgentStatus;
  readonly idleCode: string | null;
  readonly since: number;
  readonly capacity: number;
  readonly engaged: number;
  readonly offers: readonly string[];
  readonly conversations: readonly string[];
  readonly wrapUps: readonly string[];
}

export function agentOverviews(state: RouterState): AgentOverview[] {
  return state.agentList.map((a) => ({
    agentId: a.config.id,
    name: a.config.name,
    status: a.status,
    idleCode: a.idleCode,
    since: a.statusSince,
    capacity: a.capacity,
    engaged: a.engaged,
    offers: [...a.offers.keys()],
    conversations: [...a.active],
    wrapUps: [...a.wrapUps.keys()],
  }));
}

/** An open (not yet final) conversation as an administrator sees it: unmasked. */
export interface ConversationOverview {
  readonly conversationId: string;
  readonly assetId: string;
  readonly queueId: string;
  readonly status: ConversationStatus;
  readonly interrupted: boolean;
  readonly customer: { readonly id: string; readonly name: string; readonly phone: string };
  readonly arrivedAt: number;
  readonly offeredTo: string | null;
  readonly owner: string | null;
  readonly consulted: readonly string[];
  readonly pendingWrapUps: readonly string[];
  readonly customerMessages: number;
  readonly agentMessages: number;
  readonly messages?: readonly {
    readonly seq: number;
    readonly from: 'customer' | 'agent' | 'system';
    readonly agentId: string | null;
    readonly messageId: string | null;
    readonly at: number;
    readonly text: string;
  }[];
}

export function conversationOverviews(
  state: RouterState,
  withMessages: boolean,
): ConversationOverview[] {
  return [...state.conversations.values()].map((c) => ({
    conversationId: c.id,
    assetId: c.asset.id,
    queueId: c.queueId,
    status: c.status,
    interrupted: c.interrupted,
    customer: c.customer,
    arrivedAt: c.arrivedAt,
    offeredTo: c.offer ? c.offer.agent.config.id : null,
    owner: c.owner,
    consulted: [...c.consulted],
    pendingWrapUps: c.legs.filter((l) => !happened(l.wrapUpAt)).map((l) => l.agentId),
    customerMessages: c.customerMessages,
    agentMessages: c.agentMessages,
    ...(withMessages
      ? {
          messages: c.messages.map((m) => ({
            seq: m.seq,
            from: m.from,
            agentId: m.agentId,
            messageId: m.messageId,
            at: m.at,
            text: m.text,
          })),
        }
      : {}),
  }));
}

export function idleCodes(state: RouterState): { id: string; label: string }[] {
  return state.tenant.idleCodes.map((c) => ({ id: c.id, label: c.label }));
}

export interface DesktopSnapshot {
  readonly agentId: string;
  readonly status: AgentStatus;
  readonly idleCode: string | null;
  readonly since: number;
  readonly capacity: number;
  readonly engaged: number;
  readonly offers: readonly {
    conversationId: string;
    popover: PopoverView;
    deadline: number;
    elapsedSeconds: number;
  }[];
  readonly conversations: readonly InteractionPaneView[];
  readonly wrapUps: readonly string[];
}

/** Everything one agent's desktop shows now: what a reconnecting agent gets back. */
export function desktopSnapshot(
  state: RouterState,
  agentId: string,
  now: number,
): DesktopSnapshot | undefined {
  const agent = state.agents.get(agentId);
  if (!agent) return undefined;
  return {
    agentId,
    status: agent.status,
    idleCode: agent.idleCode,
    since: agent.statusSince,
    capacity: agent.capacity,
    engaged: agent.engaged,
    offers: [...agent.offers.values()].map((offer) => ({
      conversationId: offer.conversation.id,
      popover: popoverView(state, offer),
      deadline: offer.deadline,
      elapsedSeconds: offerElapsedSeconds(offer.offeredAt, now),
    })),
    conversations: [...agent.active].map((id) =>
      interactionPaneView(state, state.conversations.get(id)!, agentId),
    ),
    wrapUps: [...agent.wrapUps.keys()],
  };
}

export interface RouterStats {
  /** Conversations (not conference requests) waiting, per queue id. */
  readonly waiting: Record<string, number>;
  readonly agents: Record<AgentStatus, number>;
  /** Slots held by pending offers, conversations and wrap-ups, summed over logged-in agents. */
  readonly offeredSlots: number;
  readonly activeSlots: number;
  readonly wrapUpSlots: number;
  readonly capacitySlots: number;
  readonly openConversations: number;
}

/** Counters for sampling over time (queue length, agent states, slot use). */
export function routerStats(state: RouterState): RouterStats {
  const waiting: Record<string, number> = {};
  for (const q of state.queueList) waiting[q.config.id] = q.waitingConversations;
  const agents: Record<AgentStatus, number> = { LoggedOut: 0, Idle: 0, Available: 0, RONA: 0 };
  let offeredSlots = 0;
  let activeSlots = 0;
  let wrapUpSlots = 0;
  let capacitySlots = 0;
  for (const a of state.agentList) {
    agents[a.status]++;
    offeredSlots += a.offers.size;
    activeSlots += a.active.size;
    wrapUpSlots += a.wrapUps.size;
    if (a.status !== 'LoggedOut') capacitySlots += a.capacity;
  }
  return {
    waiting,
    agents,
    offeredSlots,
    activeSlots,
    wrapUpSlots,
    capacitySlots,
    openConversations: state.conversations.size,
  };
}

/** Where an open conversation is (`queued`, `offered`, `active`, `ended`); undefined once final. */
export function conversationStatus(
  state: RouterState,
  conversationId: string,
): ConversationStatus | undefined {
  return state.conversations.get(conversationId)?.status;
}

/**
 * Conversations (not conference requests) waiting in each queue, in tenant order, written into
 * `into` (no allocation: a shell samples this often).
 */
export function waitingPerQueue(state: RouterState, into: number[]): void {
  const queues = state.queueList;
  for (let i = 0; i < queues.length; i++) into[i] = queues[i]!.waitingConversations;
}

export interface AgentLoad {
  readonly status: AgentStatus;
  readonly idleCode: string | null;
  /** Slots held: pending offers, conversations and pending wrap-ups. */
  readonly engaged: number;
  readonly capacity: number;
}

/** One agent's status and slots as the router has them (what its desktop header shows). */
export function agentLoad(state: RouterState, agentId: string): AgentLoad | undefined {
  const a = state.agents.get(agentId);
  if (a === undefined) return undefined;
  return { status: a.status, idleCode: a.idleCode, engaged: a.engaged, capacity: a.capacity };
}
