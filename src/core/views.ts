import type { Conversation, Offer, RouterState, StoredMessage } from './state.js';

/**
 * What the agent desktop shows (SPEC R1, R2, R5, R12). Every text that can carry customer data
 * passes through the tenant's masker, tagged with the field it is for, so that masking (R9-R13)
 * is decided in one place and a test can prove that no field bypasses it.
 */
export type ViewField =
  | 'popover.customerName'
  | 'popover.customerNumber'
  | 'popover.sourceNumber'
  | 'notification.title'
  | 'notification.preview'
  | 'taskList.title'
  | 'taskList.preview'
  | 'interactionPane.title'
  | 'mediaPane.signature'
  | 'mediaPane.messageText'
  | 'mediaPane.composerPlaceholder'
  | 'history.tileTitle'
  | 'cad.contactOrigin';

export const VIEW_FIELDS: readonly ViewField[] = [
  'popover.customerName',
  'popover.customerNumber',
  'popover.sourceNumber',
  'notification.title',
  'notification.preview',
  'taskList.title',
  'taskList.preview',
  'interactionPane.title',
  'mediaPane.signature',
  'mediaPane.messageText',
  'mediaPane.composerPlaceholder',
  'history.tileTitle',
  'cad.contactOrigin',
];

/**
 * How a view field is masked: the field tells the masker what kind of value it holds. It must be
 * a pure function of (text, field): the router remembers its answers for values that do not
 * change (a conversation's numbers and name, a message's text) instead of masking them again
 * for every event.
 */
export type ViewMasker = (text: string, field: ViewField) => string;

/** Masked values remembered per field (by position in VIEW_FIELDS), for a conversation or a message. */
export type MaskMemo = (string | undefined)[];

/** Field positions, so that the memo is an array read by index on the hot path. */
const F = Object.fromEntries(VIEW_FIELDS.map((field, i) => [field, i])) as Record<
  ViewField,
  number
>;

/**
 * What remembers its masked fields: a conversation or a message. Its memo is made at the first
 * field masked, not with it: the simulator reads few views, and in a large center every open
 * conversation's objects outlive the young generation, so an empty array each (and one per
 * message) is copied and promoted for nothing.
 */
export interface MaskMemoHolder {
  masked: MaskMemo | null;
}

function masked(state: RouterState, holder: MaskMemoHolder, text: string, field: number): string {
  // Without masking there is nothing to remember.
  if (state.masker === identityMasker) return text;
  let memo = holder.masked;
  if (memo === null) {
    memo = [];
    holder.masked = memo;
  }
  let value = memo[field];
  if (value === undefined) {
    value = state.masker(text, VIEW_FIELDS[field]!);
    memo[field] = value;
  }
  return value;
}

export const identityMasker: ViewMasker = (text) => text;

/**
 * When a view's masked fields are made. 'eager' (the live server, whose desktops read every
 * event): as the event is made. 'lazy' (the simulator, whose agents read only the popover's
 * queue and kind and who sent a message): each masked field (and the pane's message list) is
 * made the first time something reads it, from what the event showed when it was made: the same
 * conversation, the same message, a copy of the message list; the rest is set at once. Masking
 * is a pure function of (text, field), so a field reads the same whenever it is read, and each
 * value is still masked at most once (the memos). A lazy view's toJSON() is the eager view, so
 * it serialises to the same JSON.
 */
export type ViewMode = 'eager' | 'lazy';

/** SPEC R1 + R2: the contact-request popover; `offeredAt` drives the elapsed-time timer. */
export interface PopoverView {
  readonly customerName: string;
  readonly customerNumber: string;
  readonly sourceNumber: string;
  readonly queueName: string;
  readonly offeredAt: number;
  readonly offerKind: 'route' | 'transfer' | 'conference';
  /** Who transferred or invited, for transfer and conference offers. */
  readonly fromAgentName: string | null;
}

export interface NotificationView {
  readonly method: 'whatsapp';
  readonly title: string;
  readonly preview: string;
}

export interface TaskListView {
  readonly conversationId: string;
  readonly channel: 'whatsapp';
  readonly title: string;
  readonly preview: string;
}

export interface MessageView {
  readonly seq: number;
  /** The shell's id of a customer message (the server's is opaque); null for agent and system. */
  readonly messageId: string | null;
  readonly from: 'customer' | 'agent' | 'system';
  readonly at: number;
  readonly text: string;
  /** The sender as shown: the customer's name (masked per R12/R13) or the agent's name. */
  readonly signature: string;
  /** Customer messages carry the customer's initials (SPEC R5). */
  readonly initials: string | null;
  /** True on messages the viewing agent sent itself (SPEC R5). */
  readonly own: boolean;
}

export type PaneState = 'active' | 'conference' | 'interrupted';

export interface InteractionPaneView {
  readonly conversationId: string;
  readonly title: string;
  readonly state: PaneState;
  readonly composerPlaceholder: string;
  /** False once the asset is deleted (SPEC R8): the compose box is locked. */
  readonly canSend: boolean;
  readonly messages: readonly MessageView[];
  readonly cad: { readonly contactOrigin: string };
}

export interface HistoryTileView {
  readonly conversationId: string;
  readonly title: string;
}

/** Seconds shown on the popover timer (SPEC R2): time since the agent received the offer. */
export function offerElapsedSeconds(offeredAt: number, now: number): number {
  return Math.max(0, Math.floor((now - offeredAt) / 1000));
}

/** Initials of a customer name: first letter of the first and last word; '#' when no letters. */
export function customerInitials(name: string): string {
  let first = '';
  let last = '';
  let i = 0;
  const n = name.length;
  while (i < n) {
    while (i < n && isSpace(name.charCodeAt(i))) i++;
    const start = i;
    while (i < n && !isSpace(name.charCodeAt(i))) i++;
    const letter = firstLetter(name, start, i);
    if (letter === '') continue;
    if (first === '') first = letter;
    else last = letter;
  }
  return first === '' ? '#' : (first + last).toUpperCase();
}

function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b)
  );
}

const LETTER = /^\p{L}/u;

function firstLetter(text: string, from: number, to: number): string {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return text[i]!;
    if (c < 0x80) continue;
    // Outside ASCII, ask Unicode (a surrogate pair is one character).
    const char = String.fromCodePoint(text.codePointAt(i)!);
    if (LETTER.test(char)) return char;
    if (char.length === 2) i++;
  }
  return '';
}

/** The contact origin of an inbound WhatsApp conversation: the customer's number. */
function contactOrigin(conversation: Conversation): string {
  return conversation.customer.phone;
}

export function popoverView(state: RouterState, offer: Offer): PopoverView {
  return state.lazyViews ? new LazyPopover(state, offer) : eagerPopover(state, offer);
}

function eagerPopover(state: RouterState, offer: Offer): PopoverView {
  const c = offer.conversation;
  const from = offer.fromAgentId ? state.agents.get(offer.fromAgentId) : undefined;
  return {
    customerName: masked(state, c, c.customer.name, F['popover.customerName']),
    customerNumber: masked(state, c, c.customer.phone, F['popover.customerNumber']),
    sourceNumber: masked(state, c, c.asset.number, F['popover.sourceNumber']),
    queueName: state.queues.get(c.queueId)!.config.name,
    offeredAt: offer.offeredAt,
    offerKind: offer.kind,
    fromAgentName: from ? from.config.name : null,
  };
}

function lastCustomerMessage(conversation: Conversation): StoredMessage | undefined {
  const messages = conversation.messages;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.from === 'customer') return messages[i];
  }
  return undefined;
}

function maskedPreview(state: RouterState, conversation: Conversation, field: number): string {
  const message = lastCustomerMessage(conversation);
  return message ? masked(state, message, message.text, field) : '';
}

export function notificationView(state: RouterState, conversation: Conversation): NotificationView {
  return state.lazyViews
    ? new LazyNotification(state, conversation)
    : eagerNotification(state, conversation);
}

function eagerNotification(state: RouterState, conversation: Conversation): NotificationView {
  return {
    method: 'whatsapp',
    title: masked(state, conversation, contactOrigin(conversation), F['notification.title']),
    preview: maskedPreview(state, conversation, F['notification.preview']),
  };
}

export function taskListView(state: RouterState, conversation: Conversation): TaskListView {
  return state.lazyViews
    ? new LazyTaskList(state, conversation)
    : eagerTaskList(state, conversation);
}

function eagerTaskList(state: RouterState, conversation: Conversation): TaskListView {
  return {
    conversationId: conversation.id,
    channel: 'whatsapp',
    title: masked(state, conversation, contactOrigin(conversation), F['taskList.title']),
    preview: maskedPreview(state, conversation, F['taskList.preview']),
  };
}

export function messageView(
  state: RouterState,
  conversation: Conversation,
  message: StoredMessage,
  viewerId: string,
): MessageView {
  if (message.from === 'customer') {
    if (state.lazyViews) return new LazyCustomerMessage(state, conversation, message);
    return {
      seq: message.seq,
      messageId: message.messageId,
      from: 'customer',
      at: message.at,
      text: masked(state, message, message.text, F['mediaPane.messageText']),
      signature: masked(state, conversation, conversation.customer.name, F['mediaPane.signature']),
      initials: conversation.initials,
      own: false,
    };
  }
  const agent = message.agentId ? state.agents.get(message.agentId) : undefined;
  return {
    seq: message.seq,
    messageId: null,
    from: message.from,
    at: message.at,
    // Agent and system texts are not customer input; agents see what they wrote (R9 masks
    // customer data in what the agent sees, replies to the customer are never altered).
    text: message.text,
    signature: agent ? agent.config.name : 'system',
    initials: null,
    own: message.agentId === viewerId,
  };
}

/** The interaction state (SPEC R18): Conference while a consulted agent is in it. */
export function paneState(conversation: Conversation): PaneState {
  if (conversation.interrupted) return 'interrupted';
  return conversation.consulted.length > 0 ? 'conference' : 'active';
}

export function interactionPaneView(
  state: RouterState,
  conversation: Conversation,
  viewerId: string,
): InteractionPaneView {
  return state.lazyViews
    ? new LazyPane(state, conversation, viewerId)
    : eagerPane(state, conversation, viewerId);
}

function eagerPane(
  state: RouterState,
  conversation: Conversation,
  viewerId: string,
): InteractionPaneView {
  const origin = contactOrigin(conversation);
  return {
    conversationId: conversation.id,
    title: masked(state, conversation, origin, F['interactionPane.title']),
    state: paneState(conversation),
    composerPlaceholder: `Reply to ${masked(state, conversation, origin, F['mediaPane.composerPlaceholder'])}`,
    canSend: !conversation.interrupted,
    messages: conversation.messages.map((m) => messageView(state, conversation, m, viewerId)),
    cad: { contactOrigin: masked(state, conversation, origin, F['cad.contactOrigin']) },
  };
}

export function historyTileView(state: RouterState, conversation: Conversation): HistoryTileView {
  return state.lazyViews
    ? new LazyHistoryTile(state, conversation)
    : eagerHistoryTile(state, conversation);
}

function eagerHistoryTile(state: RouterState, conversation: Conversation): HistoryTileView {
  return {
    conversationId: conversation.id,
    title: masked(state, conversation, contactOrigin(conversation), F['history.tileTitle']),
  };
}

// --- lazy views (ViewMode 'lazy') -----------------------------------------------------------
// Each holds what its eager twin reads when the event is made and masks on first read. Fields
// that need no masking are set at once. toJSON() lists the fields in the eager view's order.

class LazyPopover implements PopoverView {
  readonly queueName: string;
  readonly offeredAt: number;
  readonly offerKind: PopoverView['offerKind'];
  readonly fromAgentName: string | null;
  readonly #state: RouterState;
  readonly #c: Conversation;

  constructor(state: RouterState, offer: Offer) {
    const c = offer.conversation;
    const from = offer.fromAgentId ? state.agents.get(offer.fromAgentId) : undefined;
    this.#state = state;
    this.#c = c;
    this.queueName = state.queues.get(c.queueId)!.config.name;
    this.offeredAt = offer.offeredAt;
    this.offerKind = offer.kind;
    this.fromAgentName = from ? from.config.name : null;
  }

  get customerName(): string {
    const c = this.#c;
    return masked(this.#state, c, c.customer.name, F['popover.customerName']);
  }

  get customerNumber(): string {
    const c = this.#c;
    return masked(this.#state, c, c.customer.phone, F['popover.customerNumber']);
  }

  get sourceNumber(): string {
    const c = this.#c;
    return masked(this.#state, c, c.asset.number, F['popover.sourceNumber']);
  }

  toJSON(): PopoverView {
    return {
      customerName: this.customerName,
      customerNumber: this.customerNumber,
      sourceNumber: this.sourceNumber,
      queueName: this.queueName,
      offeredAt: this.offeredAt,
      offerKind: this.offerKind,
      fromAgentName: this.fromAgentName,
    };
  }
}

/** The title and preview of the notification and the task list: the origin and the last customer message as they were. */
class LazyTitled {
  readonly #state: RouterState;
  readonly #c: Conversation;
  readonly #last: StoredMessage | undefined;
  readonly #title: number;
  readonly #preview: number;

  constructor(state: RouterState, conversation: Conversation, title: number, preview: number) {
    this.#state = state;
    this.#c = conversation;
    this.#last = lastCustomerMessage(conversation);
    this.#title = title;
    this.#preview = preview;
  }

  get title(): string {
    return masked(this.#state, this.#c, contactOrigin(this.#c), this.#title);
  }

  get preview(): string {
    const m = this.#last;
    return m ? masked(this.#state, m, m.text, this.#preview) : '';
  }
}

class LazyNotification extends LazyTitled implements NotificationView {
  readonly method = 'whatsapp';

  constructor(state: RouterState, conversation: Conversation) {
    super(state, conversation, F['notification.title'], F['notification.preview']);
  }

  toJSON(): NotificationView {
    return { method: this.method, title: this.title, preview: this.preview };
  }
}

class LazyTaskList extends LazyTitled implements TaskListView {
  readonly conversationId: string;
  readonly channel = 'whatsapp';

  constructor(state: RouterState, conversation: Conversation) {
    super(state, conversation, F['taskList.title'], F['taskList.preview']);
    this.conversationId = conversation.id;
  }

  toJSON(): TaskListView {
    return {
      conversationId: this.conversationId,
      channel: this.channel,
      title: this.title,
      preview: this.preview,
    };
  }
}

class LazyCustomerMessage implements MessageView {
  readonly seq: number;
  readonly messageId: string | null;
  readonly from = 'customer';
  readonly at: number;
  readonly initials: string;
  readonly own = false;
  readonly #state: RouterState;
  readonly #c: Conversation;
  readonly #m: StoredMessage;

  constructor(state: RouterState, conversation: Conversation, message: StoredMessage) {
    this.seq = message.seq;
    this.messageId = message.messageId;
    this.at = message.at;
    this.initials = conversation.initials;
    this.#state = state;
    this.#c = conversation;
    this.#m = message;
  }

  get text(): string {
    const m = this.#m;
    return masked(this.#state, m, m.text, F['mediaPane.messageText']);
  }

  get signature(): string {
    const c = this.#c;
    return masked(this.#state, c, c.customer.name, F['mediaPane.signature']);
  }

  toJSON(): MessageView {
    return {
      seq: this.seq,
      messageId: this.messageId,
      from: this.from,
      at: this.at,
      text: this.text,
      signature: this.signature,
      initials: this.initials,
      own: this.own,
    };
  }
}

class LazyPane implements InteractionPaneView {
  readonly conversationId: string;
  readonly state: PaneState;
  readonly canSend: boolean;
  readonly #router: RouterState;
  readonly #c: Conversation;
  readonly #viewerId: string;
  /** The messages as they were when the event was made (a capped list drops its oldest). */
  readonly #messages: readonly StoredMessage[];
  #views: readonly MessageView[] | undefined = undefined;
  #cad: { readonly contactOrigin: string } | undefined = undefined;

  constructor(state: RouterState, conversation: Conversation, viewerId: string) {
    this.conversationId = conversation.id;
    this.state = paneState(conversation);
    this.canSend = !conversation.interrupted;
    this.#router = state;
    this.#c = conversation;
    this.#viewerId = viewerId;
    this.#messages = conversation.messages.slice();
  }

  get title(): string {
    const c = this.#c;
    return masked(this.#router, c, contactOrigin(c), F['interactionPane.title']);
  }

  get composerPlaceholder(): string {
    const c = this.#c;
    return `Reply to ${masked(this.#router, c, contactOrigin(c), F['mediaPane.composerPlaceholder'])}`;
  }

  get messages(): readonly MessageView[] {
    if (this.#views === undefined) {
      const c = this.#c;
      this.#views = this.#messages.map((m) => messageView(this.#router, c, m, this.#viewerId));
    }
    return this.#views;
  }

  get cad(): { readonly contactOrigin: string } {
    if (this.#cad === undefined) {
      const c = this.#c;
      this.#cad = {
        contactOrigin: masked(this.#router, c, contactOrigin(c), F['cad.contactOrigin']),
      };
    }
    return this.#cad;
  }

  toJSON(): InteractionPaneView {
    return {
      conversationId: this.conversationId,
      title: this.title,
      state: this.state,
      composerPlaceholder: this.composerPlaceholder,
      canSend: this.canSend,
      messages: this.messages,
      cad: this.cad,
    };
  }
}

class LazyHistoryTile implements HistoryTileView {
  readonly conversationId: string;
  readonly #state: RouterState;
  readonly #c: Conversation;

  constructor(state: RouterState, conversation: Conversation) {
    this.conversationId = conversation.id;
    this.#state = state;
    this.#c = conversation;
  }

  get title(): string {
    const c = this.#c;
    return masked(this.#state, c, contactOrigin(c), F['history.tileTitle']);
  }

  toJSON(): HistoryTileView {
    return { conversationId: this.conversationId, title: this.title };
  }
}
