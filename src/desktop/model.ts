import type {
  AgentStatus,
  DesktopEvent,
  DesktopSnapshot,
  HistoryTileView,
  InteractionPaneView,
  MessageView,
  NotificationView,
  PaneState,
  PopoverView,
  WrapUpCause,
} from '../core/index.js';

/**
 * What the agent desktop page shows, folded from the protocol's snapshot (`auth.ok`, `desktop`)
 * and events. It holds only what the server sent: every customer field is already masked by the
 * router, and nothing here could unmask it. Pure (no DOM, no clock): the page passes times in.
 */

export interface OfferModel {
  readonly conversationId: string;
  readonly popover: PopoverView;
  readonly deadline: number;
}

/** Who this agent is in a conversation; unknown after a reconnect (the snapshot does not say). */
export type PaneRole = 'owner' | 'consulted' | 'unknown';

export interface PaneModel {
  readonly conversationId: string;
  title: string;
  state: PaneState;
  composerPlaceholder: string;
  canSend: boolean;
  messages: MessageView[];
  /** Earlier messages the server holds and has not sent (`olderMessages`; `history` pages them). */
  olderMessages: number;
  contactOrigin: string;
  role: PaneRole;
  /** The asset-deleted warning (SPEC R8), once the conversation is interrupted. */
  warning: string | null;
  /** Set once the agent owes a wrap-up: sending stops, the wrap-up form shows. */
  wrapUp: WrapUpCause | 'pending' | null;
  /** A conference invitation on its way, as the target was named (`queue Support`, `Bob Jones`). */
  conferenceRequest: string | null;
  /** The latest outcome worth a line in the pane (a conference not accepted...). */
  notice: string | null;
}

export interface TaskModel {
  readonly conversationId: string;
  kind: 'offer' | 'active' | 'wrap-up';
  title: string;
  preview: string;
}

export interface NotificationModel {
  readonly key: number;
  readonly at: number;
  readonly kind: 'customer' | 'notice';
  readonly title: string;
  readonly preview: string;
}

export interface DesktopModel {
  agentId: string;
  agentName: string;
  status: AgentStatus;
  idleCode: string | null;
  since: number;
  capacity: number;
  offers: Map<string, OfferModel>;
  panes: Map<string, PaneModel>;
  tasks: Map<string, TaskModel>;
  notifications: NotificationModel[];
  history: HistoryTileView[];
  /** Server time minus the page's time when the last snapshot came (for the popover timers). */
  clockOffset: number;
  /** The key of the next notification (list rendering keys). */
  nextNotification: number;
}

/** Notifications kept, newest first. */
export const MAX_NOTIFICATIONS = 50;
/** Interaction history tiles kept, newest first. */
export const MAX_HISTORY = 50;

/** What an interrupted pane shows when it came in a snapshot, which carries no warning text. */
export const INTERRUPTED_WARNING =
  'The WhatsApp entry point of this conversation was deleted. You cannot send more messages; end the conversation.';

export function emptyModel(agentId: string, agentName: string): DesktopModel {
  return {
    agentId,
    agentName,
    status: 'LoggedOut',
    idleCode: null,
    since: 0,
    capacity: 0,
    offers: new Map(),
    panes: new Map(),
    tasks: new Map(),
    notifications: [],
    history: [],
    clockOffset: 0,
    nextNotification: 1,
  };
}

function lastCustomerText(messages: readonly MessageView[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.from === 'customer') return messages[i]!.text;
  }
  return '';
}

function paneFrom(
  view: InteractionPaneView & { olderMessages?: number },
  role: PaneRole,
  before: PaneModel | undefined,
): PaneModel {
  return {
    conversationId: view.conversationId,
    title: view.title,
    state: view.state,
    composerPlaceholder: view.composerPlaceholder,
    canSend: view.canSend,
    messages: [...view.messages],
    olderMessages: view.olderMessages ?? 0,
    contactOrigin: view.cad.contactOrigin,
    role,
    warning: view.state === 'interrupted' ? (before?.warning ?? INTERRUPTED_WARNING) : null,
    wrapUp: null,
    conferenceRequest: before?.conferenceRequest ?? null,
    notice: before?.notice ?? null,
  };
}

/** A pane for a conversation known only by id (a wrap-up after a reconnect). */
function barePane(conversationId: string): PaneModel {
  return {
    conversationId,
    title: conversationId,
    state: 'active',
    composerPlaceholder: '',
    canSend: false,
    messages: [],
    olderMessages: 0,
    contactOrigin: '',
    role: 'unknown',
    warning: null,
    wrapUp: 'pending',
    conferenceRequest: null,
    notice: null,
  };
}

/** Replaces everything with a snapshot (`now` is the server's, `localNow` the page's). */
export function applySnapshot(
  model: DesktopModel,
  desktop: DesktopSnapshot,
  now: number,
  localNow: number,
): void {
  model.status = desktop.status;
  model.idleCode = desktop.idleCode;
  model.since = desktop.since;
  model.capacity = desktop.capacity;
  model.clockOffset = now - localNow;
  const before = model.panes;
  model.offers = new Map(
    desktop.offers.map((o) => [
      o.conversationId,
      { conversationId: o.conversationId, popover: o.popover, deadline: o.deadline },
    ]),
  );
  model.panes = new Map();
  model.tasks = new Map();
  for (const offer of desktop.offers) {
    model.tasks.set(offer.conversationId, {
      conversationId: offer.conversationId,
      kind: 'offer',
      title: offer.popover.customerNumber,
      preview: '',
    });
  }
  for (const view of desktop.conversations) {
    const old = before.get(view.conversationId);
    model.panes.set(view.conversationId, paneFrom(view, old?.role ?? 'unknown', old));
    model.tasks.set(view.conversationId, {
      conversationId: view.conversationId,
      kind: 'active',
      title: view.title,
      preview: lastCustomerText(view.messages),
    });
  }
  for (const conversationId of desktop.wrapUps) {
    const old = before.get(conversationId);
    const pane = old ?? barePane(conversationId);
    pane.canSend = false;
    pane.wrapUp = old?.wrapUp ?? 'pending';
    model.panes.set(conversationId, pane);
    model.tasks.set(conversationId, {
      conversationId,
      kind: 'wrap-up',
      title: pane.title,
      preview: 'Wrap-up',
    });
  }
}

export function notify(
  model: DesktopModel,
  at: number,
  kind: NotificationModel['kind'],
  title: string,
  preview: string,
): void {
  model.notifications.unshift({ key: model.nextNotification++, at, kind, title, preview });
  if (model.notifications.length > MAX_NOTIFICATIONS)
    model.notifications.length = MAX_NOTIFICATIONS;
}

function notifyCustomer(model: DesktopModel, at: number, n: NotificationView | null): void {
  if (n) notify(model, at, 'customer', n.title, n.preview);
}

const REVOKED: Record<string, string> = {
  rona: 'Not accepted in time (RONA)',
  abandoned: 'The customer left',
  interrupted: 'The conversation was interrupted',
  'agent-state': 'Withdrawn: you left Available',
  'conference-cancelled': 'The conference invitation was cancelled',
};

const WRAP_UP_CAUSES: Record<string, string> = {
  ended: 'Conversation ended',
  transferred: 'Transferred',
  'left-conference': 'You left the conference',
  released: 'The owner ended the conference',
  disconnected: 'Disconnected',
  pending: 'Wrap-up',
};

export function wrapUpCauseText(cause: PaneModel['wrapUp']): string {
  return cause === null ? '' : (WRAP_UP_CAUSES[cause] ?? cause);
}

export function revokedText(reason: string): string {
  return REVOKED[reason] ?? reason;
}

/**
 * Folds one event in. `now` is the server time (estimated by the page) used to date
 * notifications. Returns false for an event about a conversation the page does not know.
 */
export function applyEvent(model: DesktopModel, event: DesktopEvent, now: number): boolean {
  switch (event.type) {
    case 'agent.state':
      model.status = event.status;
      model.idleCode = event.idleCode;
      model.since = event.since;
      return true;
    case 'offer':
      model.offers.set(event.conversationId, {
        conversationId: event.conversationId,
        popover: event.popover,
        deadline: event.deadline,
      });
      model.tasks.set(event.conversationId, { ...event.task, kind: 'offer' });
      notifyCustomer(model, now, event.notification);
      return true;
    case 'offer.revoked': {
      const offer = model.offers.get(event.conversationId);
      model.offers.delete(event.conversationId);
      if (!model.panes.has(event.conversationId)) model.tasks.delete(event.conversationId);
      notify(model, now, 'notice', offer?.popover.customerNumber ?? '', revokedText(event.reason));
      return offer !== undefined;
    }
    case 'conversation.accepted': {
      const offer = model.offers.get(event.conversationId);
      model.offers.delete(event.conversationId);
      const role: PaneRole = offer?.popover.offerKind === 'conference' ? 'consulted' : 'owner';
      const before = model.panes.get(event.conversationId);
      model.panes.set(event.conversationId, paneFrom(event.pane, role, before));
      model.tasks.set(event.conversationId, { ...event.task, kind: 'active' });
      return true;
    }
    case 'message': {
      const pane = model.panes.get(event.conversationId);
      if (event.task) {
        const task = model.tasks.get(event.conversationId);
        model.tasks.set(event.conversationId, { ...event.task, kind: task?.kind ?? 'active' });
      }
      notifyCustomer(model, now, event.notification);
      if (!pane) return false;
      if (!pane.messages.some((m) => m.seq === event.message.seq)) {
        pane.messages.push(event.message);
        pane.messages.sort((a, b) => a.seq - b.seq);
      }
      return true;
    }
    case 'conference.requested': {
      const pane = model.panes.get(event.conversationId);
      if (!pane) return false;
      pane.conferenceRequest = `${event.target.kind} ${event.target.id}`;
      pane.notice = `Conference requested: ${event.target.kind} ${event.target.id}`;
      return true;
    }
    case 'conference.failed': {
      const pane = model.panes.get(event.conversationId);
      const text = `Conference not accepted: ${revokedText(event.reason)}`;
      notify(model, now, 'notice', pane?.title ?? event.conversationId, text);
      if (!pane) return false;
      pane.conferenceRequest = null;
      pane.notice = text;
      return true;
    }
    case 'conversation.state': {
      const pane = model.panes.get(event.conversationId);
      if (!pane) return false;
      pane.state = event.state;
      if (event.state === 'conference') {
        pane.conferenceRequest = null;
        pane.notice = 'Agent joined: Conference';
      } else if (pane.notice === 'Agent joined: Conference') pane.notice = null;
      return true;
    }
    case 'conversation.interrupted': {
      const pane = model.panes.get(event.conversationId);
      if (!pane) return false;
      pane.state = 'interrupted';
      pane.canSend = false;
      pane.warning = event.warning;
      return true;
    }
    case 'wrapup.required': {
      const pane = model.panes.get(event.conversationId) ?? barePane(event.conversationId);
      pane.wrapUp = event.cause;
      pane.canSend = false;
      pane.conferenceRequest = null;
      model.panes.set(event.conversationId, pane);
      const task = model.tasks.get(event.conversationId);
      model.tasks.set(event.conversationId, {
        conversationId: event.conversationId,
        kind: 'wrap-up',
        title: task?.title ?? pane.title,
        preview: wrapUpCauseText(event.cause),
      });
      return true;
    }
    case 'wrapup.done':
      model.panes.delete(event.conversationId);
      model.tasks.delete(event.conversationId);
      model.history.unshift(event.history);
      if (model.history.length > MAX_HISTORY) model.history.length = MAX_HISTORY;
      return true;
  }
}

/** Earlier messages from a `history` reply, merged in seq order. */
export function applyHistory(
  pane: PaneModel,
  messages: readonly MessageView[],
  olderMessages: number,
): void {
  const seen = new Set(pane.messages.map((m) => m.seq));
  pane.messages = [...messages.filter((m) => !seen.has(m.seq)), ...pane.messages].sort(
    (a, b) => a.seq - b.seq,
  );
  pane.olderMessages = olderMessages;
}

/** Seconds since the offer reached the agent (SPEC R2) and until its RONA deadline. */
export function offerTimes(
  offer: OfferModel,
  serverNow: number,
): { elapsed: number; remaining: number } {
  // The page's estimate of the server clock lags by the frame's trip: never show more time
  // left than the offer was given.
  const total = Math.ceil((offer.deadline - offer.popover.offeredAt) / 1000);
  return {
    elapsed: Math.max(0, Math.floor((serverNow - offer.popover.offeredAt) / 1000)),
    remaining: Math.min(total, Math.max(0, Math.ceil((offer.deadline - serverNow) / 1000))),
  };
}
