import type { RouterState } from './state.js';

/**
 * A plain, JSON-comparable picture of the router's whole state. Tests compare snapshots to prove
 * that a refused command changed nothing and that a journal replay rebuilds the same state. The
 * masking memos are left out: caches of what the masker gives, filled when a view needs them.
 */
export function snapshot(state: RouterState): unknown {
  return {
    seq: [state.conversationSeq, state.offerSeq, state.messageSeq, state.overflowSeq],
    deletedAssets: [...state.deletedAssets],
    agents: state.agentList.map((a) => ({
      id: a.config.id,
      status: a.status,
      idleCode: a.idleCode,
      statusSince: a.statusSince,
      readySince: a.readySince,
      engaged: a.engaged,
      offers: [...a.offers.values()].map((o) => o.id),
      active: [...a.active],
      wrapUps: [...a.wrapUps.keys()],
    })),
    queues: state.queueList.map((q) => ({
      id: q.config.id,
      items: [...q.items].map((i) => [
        i.kind,
        i.conversation.id,
        i.queuedAt,
        i.fromAgentId,
        i.overflowTimer,
      ]),
    })),
    offers: [...state.offers.values()].map((o) => ({
      id: o.id,
      kind: o.kind,
      conversation: o.conversation.id,
      agent: o.agent.config.id,
      offeredAt: o.offeredAt,
      deadline: o.deadline,
      fromAgentId: o.fromAgentId,
      queueId: o.queueId,
      orderAt: o.orderAt,
    })),
    overflowTimers: [...state.overflowTimers].map(([id, t]) => [
      id,
      t.item.kind,
      t.item.conversation.id,
      t.at,
    ]),
    conversations: [...state.conversations.values()].map(({ masked: _memo, ...c }) => ({
      ...c,
      asset: c.asset.id,
      item: c.item ? [c.item.queueId, c.item.queuedAt] : null,
      offer: c.offer?.id ?? null,
      conferenceItem: c.conferenceItem
        ? [c.conferenceItem.queueId, c.conferenceItem.queuedAt]
        : null,
      conferenceOffer: c.conferenceOffer?.id ?? null,
      consulted: [...c.consulted],
      messages: c.messages.map(({ masked: _memo, ...m }) => m),
      legs: c.legs.map((l) => ({ ...l })),
    })),
    openByCustomer: state.openByCustomer
      .entries()
      .map(([assetId, customerId, c]) => [`${assetId}\u0000${customerId}`, c.id]),
  };
}
