import type { RoutingPolicyName } from './routingPolicy.js';

/** A queue customers wait in; agents serve the queues listed in their `queues`. */
export interface QueueConfig {
  readonly id: string;
  readonly name: string;
  /**
   * An integer; a higher-priority queue's waiting work is offered first (non-preemptive: what an
   * agent was offered or holds stays). 0 when absent.
   */
  readonly priority?: number;
  /** After a wait, more agent groups may take the queue's waiting work, as secondary work. */
  readonly overflow?: readonly OverflowRule[];
}

/** "After 60 s in sales, experts may take it." */
export interface OverflowRule {
  /** Time in the queue (from the item's place in it) after which the rule applies. */
  readonly afterMs: number;
  /** Groups (`AgentConfig.group`) whose agents may then take it. */
  readonly agentGroups: readonly string[];
}

/** Primary work comes before secondary work, for the agent and for the conversation. */
export type SkillLevel = 'primary' | 'secondary';

/** A queue an agent serves: a queue id (primary) or the queue with its skill level. */
export type ServedQueue = string | { readonly queue: string; readonly skill: SkillLevel };

/** A WhatsApp entry point: a business number (phone_number_id) that routes to one queue. */
export interface AssetConfig {
  /** The WhatsApp Cloud API phone_number_id. */
  readonly id: string;
  /** The display number customers write to, e.g. "+31 20 123 4567". */
  readonly number: string;
  readonly name?: string;
  readonly queueId: string;
}

export interface AgentConfig {
  readonly id: string;
  readonly name: string;
  /** Concurrent WhatsApp conversations (channel capacity); offers and wrap-ups hold a slot. */
  readonly capacity?: number;
  /** Queues this agent serves; every queue (as primary) when absent. */
  readonly queues?: readonly ServedQueue[];
  /** The agent group it belongs to, which queues' `overflow` rules name. */
  readonly group?: string;
}

export interface CodeConfig {
  readonly id: string;
  readonly label: string;
}

export type TransferPolicy = 'disconnect' | 'requeue';

export interface MaskingSettings {
  /** The tenant setting "mask customer-sensitive data" (SPEC R9). */
  readonly enabled: boolean;
  /** Kinds to mask; every kind when absent. */
  readonly kinds?: readonly ('email' | 'iban' | 'card' | 'ssn' | 'phone')[];
}

export interface TenantConfig {
  readonly queues: readonly QueueConfig[];
  readonly assets: readonly AssetConfig[];
  readonly agents: readonly AgentConfig[];
  readonly wrapUpReasons: readonly CodeConfig[];
  readonly idleCodes: readonly CodeConfig[];
  /** How long an offer waits for Accept before RONA (SPEC R4), in milliseconds. */
  readonly ronaTimeoutMs: number;
  /** What happens when the target agent of a transfer does not accept (SPEC R15). */
  readonly transferPolicy: TransferPolicy;
  readonly masking: MaskingSettings;
  readonly routingPolicy?: RoutingPolicyName;
  /** Caps that bound the router's memory; none when absent (the simulator's default). */
  readonly limits?: TenantLimits;
}

/**
 * Caps on what the router holds. A shell that takes input from outside (the server) sets them;
 * going over one is a coded refusal (or, for messages, a documented eviction), never growth.
 */
export interface TenantLimits {
  /**
   * Entries (waiting conversations and conference requests) a queue takes; beyond, a message
   * that would open a conversation there, and a transfer or conference to it, are refused with
   * QUEUE_FULL. Returns to a queue (RONA, a declined transfer) are never refused.
   */
  readonly maxQueueLength?: number;
  /** Messages an open conversation holds; the oldest leave its history beyond (counts stay). */
  readonly maxMessagesPerConversation?: number;
}

export const DEFAULT_CAPACITY = 5;
export const MAX_MESSAGE_LENGTH = 4096;
