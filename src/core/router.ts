import type { Command } from './commands.js';
import { Ctx } from './context.js';
import { dispatch } from './dispatch.js';
import { EffectBuffer } from './effectBuffer.js';
import type { Effect } from './effects.js';
import type { RouterError } from './errors.js';
import { agentAccept } from './handlers/accept.js';
import { adminDeleteAsset } from './handlers/admin.js';
import { agentSetState } from './handlers/agentState.js';
import {
  agentConference,
  agentEndConference,
  agentLeaveConference,
} from './handlers/conference.js';
import { checkCustomerMessage, customerAbandon, customerMessage } from './handlers/customer.js';
import { agentEnd, agentWrapUp } from './handlers/endAndWrapUp.js';
import { agentSend } from './handlers/send.js';
import { timerFired } from './handlers/timer.js';
import { agentTransfer } from './handlers/transfer.js';
import { checkInvariants } from './invariants.js';
import {
  type AgentListEntry,
  type AgentLoad,
  type AgentOverview,
  type AssetStatus,
  agentIdentity,
  agentLoad,
  agentOverviews,
  assetStatus,
  availableAgents,
  availableAgentsAmong,
  availableQueues,
  type ConversationOverview,
  conversationOverviews,
  conversationStatus,
  type DesktopSnapshot,
  desktopSnapshot,
  hasPendingOffer,
  hasPendingTimer,
  idleCodes,
  type OpenConversation,
  openConversationOf,
  type PendingOffer,
  type PendingTimer,
  pendingOffers,
  pendingTimers,
  type QueueListEntry,
  type RouterStats,
  routerStats,
  waitingPerQueue,
  wrapUpReasons,
} from './queries.js';
import { snapshot } from './snapshot.js';
import { type ConversationStatus, RouterState } from './state.js';
import { exportState, type RouterStateExport, restoreState } from './stateExport.js';
import type { TenantConfig } from './tenant.js';
import { validateCommand } from './validateCommand.js';
import { createViewMasker } from './viewMasker.js';
import type { ViewMasker, ViewMode } from './views.js';

export interface RouterOptions {
  /** Masks agent-facing view fields (SPEC R12); by default the tenant's masking setting. */
  readonly masker?: ViewMasker;
  /**
   * Skip the shape check of commands. Only for shells whose commands are built by typed code
   * (the simulator); anything fed from outside (the server, a journal) must keep it on.
   */
  readonly trustedCommands?: boolean;
  /**
   * When the masked fields of agent-facing views are made (src/core/views.ts, ViewMode):
   * 'eager' (the default; the live server) as each event is made, 'lazy' (the simulator) the
   * first time something reads them. The same handlers build both; a view reads the same either
   * way, and serialises to the same JSON.
   */
  readonly views?: ViewMode;
}

export type HandleResult =
  | { readonly ok: true; readonly effects: readonly Effect[] }
  | { readonly ok: false; readonly error: RouterError };

type Handler<C extends Command> = (ctx: Ctx, command: C) => RouterError | undefined;

const handlers: { [T in Command['type']]: Handler<Extract<Command, { type: T }>> } = {
  'customer.message': customerMessage,
  'customer.abandon': customerAbandon,
  'agent.setState': agentSetState,
  'agent.accept': agentAccept,
  'agent.send': agentSend,
  'agent.transfer': agentTransfer,
  'agent.conference': agentConference,
  'agent.leaveConference': agentLeaveConference,
  'agent.endConference': agentEndConference,
  'agent.end': agentEnd,
  'agent.wrapUp': agentWrapUp,
  'admin.deleteAsset': adminDeleteAsset,
  'timer.fired': timerFired,
};

/**
 * The reference router: a deterministic state machine. `handle(now, command)` either refuses the
 * command with a stable code and changes nothing, or applies it and returns the effects for the
 * shell to carry out. No clock, timers, randomness or I/O: the simulator and the live server run
 * this same code in virtual and in real time, and a journal of commands replays to the same state.
 */
export class Router {
  readonly state: RouterState;
  private readonly validate: boolean;
  /** The one context every command runs in (`Ctx.begin`), and `handle`'s effects before copying. */
  private readonly ctx: Ctx;
  private readonly effects = new EffectBuffer();

  constructor(tenant: TenantConfig, options: RouterOptions = {}) {
    this.state = new RouterState(
      tenant,
      options.masker ?? createViewMasker(tenant.masking),
      options.views ?? 'eager',
    );
    this.validate = !options.trustedCommands;
    this.ctx = new Ctx(this.state, this.effects);
  }

  handle(now: number, command: Command): HandleResult {
    // What a handler that threw left behind is not this command's.
    this.effects.truncate(0);
    const error = this.handleInto(now, command, this.effects);
    return error ? { ok: false, error } : { ok: true, effects: this.effects.take() };
  }

  /**
   * `handle` for a shell on the hot path (the simulator): the same command, with its effects
   * appended to the shell's own `effects` in the same order, and the refusal or undefined
   * returned, so that a command makes no effects array or result. A refused command appends
   * nothing.
   */
  handleInto(now: number, command: Command, effects: EffectBuffer): RouterError | undefined {
    if (this.validate) {
      const invalid = validateCommand(now, command);
      if (invalid) return invalid;
    }
    const ctx = this.ctx;
    ctx.begin(now, effects);
    const handler = handlers[command.type] as Handler<Command>;
    // A handler refuses before it changes anything, effects included (router.property.test.ts).
    const error = handler(ctx, command);
    if (error) return error;
    this.route(ctx);
    return undefined;
  }

  /**
   * Matches waiting work to ready agents after a command (dispatch.ts). A test puts a reference
   * dispatch here (a scan of every queue and agent) to check that both make the same offers.
   */
  protected route(ctx: Ctx): void {
    dispatch(ctx);
  }

  availableQueues(search?: string): QueueListEntry[] {
    return availableQueues(this.state, search);
  }

  availableAgents(search?: string, excludeAgentId?: string): AgentListEntry[] {
    return availableAgents(this.state, search, excludeAgentId);
  }

  /** The entries of `availableAgents` for the given agents only (one group's), in tenant order. */
  availableAgentsAmong(agentIds: readonly string[], excludeAgentId?: string): AgentListEntry[] {
    return availableAgentsAmong(this.state, agentIds, excludeAgentId);
  }

  wrapUpReasons(search?: string): { id: string; label: string }[] {
    return wrapUpReasons(this.state, search);
  }

  idleCodes(): { id: string; label: string }[] {
    return idleCodes(this.state);
  }

  /** The customer's open conversation on an asset (what their next message would join). */
  openConversationOf(assetId: string, customerId: string): OpenConversation | undefined {
    return openConversationOf(this.state, assetId, customerId);
  }

  desktop(agentId: string, now: number): DesktopSnapshot | undefined {
    return desktopSnapshot(this.state, agentId, now);
  }

  stats(): RouterStats {
    return routerStats(this.state);
  }

  /** Where an open conversation is; undefined once its record is final (or never opened). */
  conversationStatus(conversationId: string): ConversationStatus | undefined {
    return conversationStatus(this.state, conversationId);
  }

  /** Conversations not final yet (in a queue, offered, active, or waiting for wrap-ups). */
  openConversationCount(): number {
    return this.state.conversations.size;
  }

  /** Conversations waiting per queue, in tenant order, written into `into`. */
  waitingPerQueue(into: number[]): void {
    waitingPerQueue(this.state, into);
  }

  /** One agent's status and slots. */
  agentLoad(agentId: string): AgentLoad | undefined {
    return agentLoad(this.state, agentId);
  }

  /** Broken invariants of the router's state (none: an empty list); for test modes. */
  invariantProblems(): string[] {
    return checkInvariants(this.state);
  }

  /**
   * Why a message of this customer to this asset would be refused now (unknown or deleted asset,
   * a full queue for a new conversation), or undefined: what a shell checks before it journals.
   */
  messageAdmission(assetId: string, customerId: string): RouterError | undefined {
    return checkCustomerMessage(this.state, assetId, customerId);
  }

  assetStatus(assetId: string): AssetStatus {
    return assetStatus(this.state, assetId);
  }

  pendingOffers(): PendingOffer[] {
    return pendingOffers(this.state);
  }

  hasPendingOffer(offerId: string): boolean {
    return hasPendingOffer(this.state, offerId);
  }

  /** Every armed timer (offer deadlines and overflow timers): what a restart re-arms. */
  pendingTimers(): PendingTimer[] {
    return pendingTimers(this.state);
  }

  hasPendingTimer(timerId: string): boolean {
    return hasPendingTimer(this.state, timerId);
  }

  agentIdentity(agentId: string): { readonly id: string; readonly name: string } | undefined {
    return agentIdentity(this.state, agentId);
  }

  agentOverviews(): AgentOverview[] {
    return agentOverviews(this.state);
  }

  conversationOverviews(withMessages = false): ConversationOverview[] {
    return conversationOverviews(this.state, withMessages);
  }

  /**
   * The open state as plain JSON (`src/core/stateExport.ts`): what a shell writes as a snapshot so
   * that a restart restores it instead of replaying all history.
   */
  exportState(): RouterStateExport {
    return exportState(this.state);
  }

  /**
   * A router for `tenant` in the state of `exported` (an `exportState` of a router for the same
   * tenant): it behaves exactly as that router would for the commands that follow. Throws
   * StateRestoreError for an export of another version or one that does not fit the tenant.
   */
  static restore(
    tenant: TenantConfig,
    exported: RouterStateExport,
    options: RouterOptions = {},
  ): Router {
    const router = new Router(tenant, options);
    restoreState(router.state, exported);
    return router;
  }

  /** `snapshot(state)`: a JSON-comparable picture of the whole routing state. */
  snapshot(): unknown {
    return snapshot(this.state);
  }
}
