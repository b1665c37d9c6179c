import type { SettableAgentStatus, Target } from '../core/commands.js';
import type { Random } from '../scenario/random.js';
import type { AgentMind } from './agentMind.js';
import type { ConversationMind } from './conversationMind.js';
import type { CustomerMind } from './customerMind.js';
import type { PoolText } from './identities.js';
import type { WakeKind } from './wakes.js';

/**
 * Time as the behaviour sees it, in scenario milliseconds: the simulator's virtual clock, or the
 * load replayer's clock scaled by its speed. A wake calls `BehaviourModel.wake(kind, subject)`.
 */
export interface BehaviourClock {
  now(): number;
  /** Wakes `subject` `delayMs` from now; returns a handle for `cancel` (NO_WAKE: not cancellable). */
  wake(delayMs: number, kind: WakeKind, subject: object): number;
  /** Wakes `subject` at scenario time `at` (not before now). */
  wakeAt(at: number, kind: WakeKind, subject: object): number;
  cancel(handle: number): void;
}

/**
 * What the agents' minds ask their shell to do: desktop requests (the simulator sends them to
 * the router, the load replayer over the agent's WebSocket), and two questions about the
 * customer that the shell answers from its customer side. The answers of transfer, conference
 * and end-conference requests come back as `BehaviourModel.answered`, at once or later.
 */
export interface AgentPort extends BehaviourClock {
  accept(agent: AgentMind, c: ConversationMind): void;
  send(agent: AgentMind, c: ConversationMind, text: string): void;
  end(agent: AgentMind, c: ConversationMind): void;
  wrapUp(agent: AgentMind, c: ConversationMind, reasonId: string): void;
  setState(agent: AgentMind, status: SettableAgentStatus, idleCode: string | undefined): void;
  transfer(agent: AgentMind, c: ConversationMind, target: Target): void;
  conference(agent: AgentMind, c: ConversationMind, target: Target): void;
  endConference(agent: AgentMind, c: ConversationMind): void;
  leaveConference(agent: AgentMind, c: ConversationMind): void;
  /**
   * The desktop's list of available agents (SPEC R14), for a hand-over of `c` to agent group
   * `group`; the shell answers with `BehaviourModel.agentsListed`. A shell may list the group's
   * agents only: the rule reads no others.
   */
  availableAgents(agent: AgentMind, c: ConversationMind, group: number): void;
  /** Customer messages the conversation will have in all, as far as the shell knows. */
  expectedMessages(c: ConversationMind): number;
  /** The customer has nothing more to say in this conversation. */
  customerDone(c: ConversationMind): boolean;
}

/**
 * What simulated customers ask their shell to do (only the simulator runs customers; the load
 * replayer replays what they did): write a message (seq 1 opens the conversation), give up, and
 * what a customer can tell about their own conversation.
 */
export interface CustomerPort extends BehaviourClock {
  write(customer: CustomerMind, seq: number, text: PoolText): void;
  abandon(customer: CustomerMind): void;
  /** The business number still takes messages (it was not deleted). */
  assetOpen(customer: CustomerMind): boolean;
  /** The conversation is not over: a message joins it. */
  conversationOpen(customer: CustomerMind): boolean;
  /** The customer still waits for a first answer (queued or offered). */
  stillWaiting(customer: CustomerMind): boolean;
  /** The stream of the re-contact decision after the customer's conversation (`ConversationStreams.recontact`). */
  recontactStream(customer: CustomerMind): Random;
  /**
   * The customer will write again at scenario time `at`, as a new conversation on the same
   * asset (attempt `customer.attempt + 1`); the shell starts it with `BehaviourModel.arrive`.
   */
  recontact(customer: CustomerMind, at: number): void;
}
