import type { CustomerIdentity } from './commands.js';
import { notYetIfNull, orNull } from './notYet.js';
import type { AgentStatus, ConversationOutcome, LegRole } from './records.js';
import type {
  AgentRuntime,
  Conversation,
  ConversationStatus,
  Leg,
  Offer,
  OfferKind,
  RouterState,
  StoredMessage,
  WorkItem,
} from './state.js';

/**
 * The router's whole state as plain JSON, and back: what the server writes as a snapshot so that a
 * restart restores what is open instead of replaying all history. Pure; the version changes
 * whenever the shape does, and a restore refuses another version (`StateRestoreError`).
 *
 * Object identities the router relies on (an offer is the same object in `state.offers`, its
 * agent's offers and its conversation; a pending wrap-up is one of its conversation's legs; a
 * queue entry is its conversation's item) are written as ids and indexes and linked again. Every
 * insertion order that iteration shows (conversations, offers, an agent's offers, conversations
 * and wrap-ups, queue entries, the customer index) is kept, so that a restored router produces
 * the same effects as the original for the same commands (test/core/stateExport.test.ts).
 */
export const STATE_EXPORT_VERSION = 2;

export interface MessageExport {
  readonly seq: number;
  readonly from: StoredMessage['from'];
  readonly agentId: string | null;
  readonly text: string;
  readonly at: number;
  readonly messageId: string | null;
}

export interface LegExport {
  readonly agentId: string;
  readonly role: LegRole;
  readonly offeredAt: number;
  readonly acceptedAt: number;
  readonly endedAt: number | null;
  readonly wrapUpAt: number | null;
  readonly wrapUpReason: string | null;
}

export interface ConversationExport {
  readonly id: string;
  readonly assetId: string;
  readonly customer: CustomerIdentity;
  readonly initials: string;
  readonly entryQueueId: string;
  readonly arrivedAt: number;
  readonly status: ConversationStatus;
  readonly queueId: string;
  readonly interrupted: boolean;
  readonly owner: string | null;
  readonly consulted: readonly string[];
  readonly queuedAt: number;
  readonly queueWaitMs: number;
  readonly firstOfferedAt: number | null;
  readonly acceptedAt: number | null;
  readonly endedAt: number | null;
  readonly outcome: ConversationOutcome | null;
  readonly firstAgentId: string | null;
  readonly lastAgentId: string | null;
  readonly lastWrapUpReason: string | null;
  readonly offerCount: number;
  readonly ronaCount: number;
  readonly transferCount: number;
  readonly conferenceCount: number;
  readonly customerMessages: number;
  readonly agentMessages: number;
  readonly openLegs: number;
  readonly messages: readonly MessageExport[];
  readonly legs: readonly LegExport[];
}

export interface OfferExport {
  readonly id: string;
  readonly kind: OfferKind;
  readonly conversationId: string;
  readonly agentId: string;
  readonly offeredAt: number;
  readonly deadline: number;
  readonly fromAgentId: string | null;
  readonly queueId: string | null;
  readonly orderAt: number;
}

export interface AgentExport {
  readonly id: string;
  readonly status: AgentStatus;
  readonly idleCode: string | null;
  readonly statusSince: number;
  readonly readySince: number;
  /** Offer ids, in the agent's order. */
  readonly offers: readonly string[];
  readonly active: readonly string[];
  /** [conversation id, index of the leg in that conversation's legs]. */
  readonly wrapUps: readonly (readonly [string, number])[];
}

export interface QueueItemExport {
  readonly kind: WorkItem['kind'];
  readonly conversationId: string;
  readonly queuedAt: number;
  readonly fromAgentId: string | null;
  /** The id of its armed overflow timer (src/core/overflow.ts), if any. */
  readonly overflowTimer: string | null;
}

export interface RouterStateExport {
  readonly version: typeof STATE_EXPORT_VERSION;
  readonly conversationSeq: number;
  readonly offerSeq: number;
  readonly messageSeq: number;
  readonly overflowSeq: number;
  /** Armed overflow timers, in the map's order: [timer id, when it fires]. */
  readonly overflowTimers: readonly (readonly [string, number])[];
  readonly deletedAssets: readonly string[];
  readonly conversations: readonly ConversationExport[];
  readonly offers: readonly OfferExport[];
  readonly agents: readonly AgentExport[];
  readonly queues: readonly { readonly id: string; readonly items: readonly QueueItemExport[] }[];
  /** Per asset (in the index's order, empty ones too): [customer id, conversation id]. */
  readonly openByCustomer: readonly (readonly [string, readonly (readonly [string, string])[]])[];
}

/** Thrown when an export does not fit the tenant or is not one (a snapshot of something else). */
export class StateRestoreError extends Error {
  readonly code = 'STATE_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'StateRestoreError';
  }
}

export function exportState(state: RouterState): RouterStateExport {
  return {
    version: STATE_EXPORT_VERSION,
    conversationSeq: state.conversationSeq,
    offerSeq: state.offerSeq,
    messageSeq: state.messageSeq,
    overflowSeq: state.overflowSeq,
    overflowTimers: [...state.overflowTimers].map(([id, t]) => [id, t.at] as const),
    deletedAssets: [...state.deletedAssets],
    conversations: [...state.conversations.values()].map(exportConversation),
    offers: [...state.offers.values()].map((o) => ({
      id: o.id,
      kind: o.kind,
      conversationId: o.conversation.id,
      agentId: o.agent.config.id,
      offeredAt: o.offeredAt,
      deadline: o.deadline,
      fromAgentId: o.fromAgentId,
      queueId: o.queueId,
      orderAt: o.orderAt,
    })),
    agents: state.agentList.map((a) => ({
      id: a.config.id,
      status: a.status,
      idleCode: a.idleCode,
      statusSince: a.statusSince,
      readySince: a.readySince,
      offers: [...a.offers.values()].map((o) => o.id),
      active: [...a.active],
      wrapUps: [...a.wrapUps.entries()].map(([conversationId, leg]) => {
        const c = state.conversations.get(conversationId)!;
        return [conversationId, c.legs.indexOf(leg)] as const;
      }),
    })),
    queues: state.queueList.map((q) => ({
      id: q.config.id,
      items: [...q.items].map((i) => ({
        kind: i.kind,
        conversationId: i.conversation.id,
        queuedAt: i.queuedAt,
        fromAgentId: i.fromAgentId,
        overflowTimer: i.overflowTimer,
      })),
    })),
    openByCustomer: state.openByCustomer
      .assetEntries()
      .map(
        ([assetId, entries]) =>
          [assetId, entries.map(([customerId, c]) => [customerId, c.id] as const)] as const,
      ),
  };
}

function exportConversation(c: Conversation): ConversationExport {
  return {
    id: c.id,
    assetId: c.asset.id,
    customer: { id: c.customer.id, name: c.customer.name, phone: c.customer.phone },
    initials: c.initials,
    entryQueueId: c.entryQueueId,
    arrivedAt: c.arrivedAt,
    status: c.status,
    queueId: c.queueId,
    interrupted: c.interrupted,
    owner: c.owner,
    consulted: [...c.consulted],
    queuedAt: c.queuedAt,
    queueWaitMs: c.queueWaitMs,
    firstOfferedAt: orNull(c.firstOfferedAt),
    acceptedAt: orNull(c.acceptedAt),
    endedAt: orNull(c.endedAt),
    outcome: c.outcome,
    firstAgentId: c.firstAgentId,
    lastAgentId: c.lastAgentId,
    lastWrapUpReason: c.lastWrapUpReason,
    offerCount: c.offerCount,
    ronaCount: c.ronaCount,
    transferCount: c.transferCount,
    conferenceCount: c.conferenceCount,
    customerMessages: c.customerMessages,
    agentMessages: c.agentMessages,
    openLegs: c.openLegs,
    messages: c.messages.map((m) => ({
      seq: m.seq,
      from: m.from,
      agentId: m.agentId,
      text: m.text,
      at: m.at,
      messageId: m.messageId,
    })),
    legs: c.legs.map((l) => ({
      agentId: l.agentId,
      role: l.role,
      offeredAt: l.offeredAt,
      acceptedAt: l.acceptedAt,
      endedAt: orNull(l.endedAt),
      wrapUpAt: orNull(l.wrapUpAt),
      wrapUpReason: l.wrapUpReason,
    })),
  };
}

/**
 * Fills a fresh state (just built from its tenant) with an export. Throws StateRestoreError when
 * the export is of another version or names what the tenant does not have.
 */
export function restoreState(state: RouterState, exported: RouterStateExport): void {
  if (
    typeof exported !== 'object' ||
    exported === null ||
    exported.version !== STATE_EXPORT_VERSION
  ) {
    throw new StateRestoreError(
      `a router state export of version ${STATE_EXPORT_VERSION} was expected, got ${JSON.stringify((exported as { version?: unknown } | null)?.version)}`,
    );
  }
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new StateRestoreError(`the export names ${what}, which this tenant does not have`);
    return value;
  };
  state.conversationSeq = exported.conversationSeq;
  state.offerSeq = exported.offerSeq;
  state.messageSeq = exported.messageSeq;
  state.overflowSeq = exported.overflowSeq;
  for (const id of exported.deletedAssets) {
    need(state.assets.get(id), `asset "${id}"`);
    state.deletedAssets.add(id);
  }
  for (const c of exported.conversations) {
    const asset = need(state.assets.get(c.assetId), `asset "${c.assetId}"`);
    need(state.queues.get(c.queueId), `queue "${c.queueId}"`);
    const conversation: Conversation = {
      id: c.id,
      asset,
      customer: { ...c.customer },
      initials: c.initials,
      masked: null,
      entryQueueId: c.entryQueueId,
      arrivedAt: c.arrivedAt,
      status: c.status,
      queueId: c.queueId,
      interrupted: c.interrupted,
      item: null,
      offer: null,
      owner: c.owner,
      consulted: [...c.consulted],
      conferenceItem: null,
      conferenceOffer: null,
      queuedAt: c.queuedAt,
      queueWaitMs: c.queueWaitMs,
      firstOfferedAt: notYetIfNull(c.firstOfferedAt),
      acceptedAt: notYetIfNull(c.acceptedAt),
      endedAt: notYetIfNull(c.endedAt),
      outcome: c.outcome,
      firstAgentId: c.firstAgentId,
      lastAgentId: c.lastAgentId,
      lastWrapUpReason: c.lastWrapUpReason,
      offerCount: c.offerCount,
      ronaCount: c.ronaCount,
      transferCount: c.transferCount,
      conferenceCount: c.conferenceCount,
      customerMessages: c.customerMessages,
      agentMessages: c.agentMessages,
      messages: c.messages.map((m) => ({ ...m, masked: null })),
      legs: c.legs.map(
        (l): Leg => ({
          ...l,
          endedAt: notYetIfNull(l.endedAt),
          wrapUpAt: notYetIfNull(l.wrapUpAt),
        }),
      ),
      openLegs: c.openLegs,
    };
    state.conversations.set(conversation.id, conversation);
  }
  const conversationOf = (id: string) => need(state.conversations.get(id), `conversation "${id}"`);
  const agentOf = (id: string) => need(state.agents.get(id), `agent "${id}"`);
  for (const o of exported.offers) {
    const conversation = conversationOf(o.conversationId);
    const offer: Offer = {
      id: o.id,
      kind: o.kind,
      conversation,
      agent: agentOf(o.agentId),
      offeredAt: o.offeredAt,
      deadline: o.deadline,
      fromAgentId: o.fromAgentId,
      queueId: o.queueId,
      orderAt: o.orderAt,
    };
    state.offers.set(offer.id, offer);
    if (offer.kind === 'conference') conversation.conferenceOffer = offer;
    else conversation.offer = offer;
  }
  for (const a of exported.agents) {
    const agent: AgentRuntime = agentOf(a.id);
    agent.status = a.status;
    agent.idleCode = a.idleCode;
    agent.statusSince = a.statusSince;
    agent.readySince = a.readySince;
    for (const offerId of a.offers) {
      const offer = need(state.offers.get(offerId), `offer "${offerId}"`);
      agent.offers.set(offer.conversation.id, offer);
    }
    for (const id of a.active) agent.active.add(conversationOf(id).id);
    for (const [id, index] of a.wrapUps) {
      const leg = need(conversationOf(id).legs[index], `leg ${index} of conversation "${id}"`);
      agent.wrapUps.set(id, leg);
    }
    agent.engaged = agent.offers.size + agent.active.size + agent.wrapUps.size;
    state.refreshReady(agent);
  }
  // Every armed overflow timer is on a waiting item (checkInvariants).
  const timedItems = new Map<string, WorkItem>();
  for (const q of exported.queues) {
    need(state.queues.get(q.id), `queue "${q.id}"`);
    for (const i of q.items) {
      const conversation = conversationOf(i.conversationId);
      const item: WorkItem = {
        kind: i.kind,
        conversation,
        queueId: q.id,
        queuedAt: i.queuedAt,
        fromAgentId: i.fromAgentId,
        removed: false,
        overflowTimer: i.overflowTimer,
      };
      if (i.overflowTimer !== null) timedItems.set(i.overflowTimer, item);
      state.addItem(item, false);
      if (item.kind === 'conference') conversation.conferenceItem = item;
      else conversation.item = item;
    }
  }
  for (const [assetId, entries] of exported.openByCustomer) {
    need(state.assets.get(assetId), `asset "${assetId}"`);
    state.openByCustomer.touchAsset(assetId);
    for (const [customerId, id] of entries)
      state.openByCustomer.set(assetId, customerId, conversationOf(id));
  }
  for (const [id, at] of exported.overflowTimers) {
    state.overflowTimers.set(id, { item: need(timedItems.get(id), `overflow timer "${id}"`), at });
  }
}
