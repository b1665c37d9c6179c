import type { Command } from './commands.js';
import { type RouterError, RouterErrorCode } from './errors.js';

const STRING_FIELDS: Record<Command['type'], readonly string[]> = {
  'customer.message': ['assetId', 'messageId', 'text'],
  'customer.abandon': ['conversationId'],
  'agent.setState': ['agentId', 'status'],
  'agent.accept': ['agentId', 'conversationId'],
  'agent.send': ['agentId', 'conversationId', 'text'],
  'agent.transfer': ['agentId', 'conversationId'],
  'agent.conference': ['agentId', 'conversationId'],
  'agent.leaveConference': ['agentId', 'conversationId'],
  'agent.endConference': ['agentId', 'conversationId'],
  'agent.end': ['agentId', 'conversationId'],
  'agent.wrapUp': ['agentId', 'conversationId', 'reasonId'],
  'admin.deleteAsset': ['assetId'],
  'timer.fired': ['timerId'],
};

/**
 * Shape check for commands from untrusted shells (a journal, a fuzzer, a hand-written client).
 * The server validates its wire formats before this; the router still never trusts a shape.
 */
export function validateCommand(now: unknown, command: unknown): RouterError | undefined {
  if (typeof now !== 'number' || !Number.isFinite(now)) {
    return invalid('now must be a finite number of milliseconds');
  }
  if (typeof command !== 'object' || command === null) return invalid('command must be an object');
  const type = (command as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(STRING_FIELDS, type)) {
    return invalid(`unknown command type ${JSON.stringify(type)}`);
  }
  const record = command as Record<string, unknown>;
  for (const field of STRING_FIELDS[type as Command['type']]) {
    if (typeof record[field] !== 'string') return invalid(`${type}: "${field}" must be a string`);
  }
  if (type === 'customer.message') {
    const customer = record.customer as Record<string, unknown> | null | undefined;
    if (
      typeof customer !== 'object' ||
      customer === null ||
      typeof customer.id !== 'string' ||
      typeof customer.name !== 'string' ||
      typeof customer.phone !== 'string'
    ) {
      return invalid('customer.message: "customer" needs string id, name and phone');
    }
  }
  if (
    type === 'agent.setState' &&
    record.idleCode !== undefined &&
    typeof record.idleCode !== 'string'
  ) {
    return invalid('agent.setState: "idleCode" must be a string');
  }
  if (type === 'agent.transfer' || type === 'agent.conference') {
    const target = record.target as Record<string, unknown> | null | undefined;
    const ok =
      typeof target === 'object' &&
      target !== null &&
      ((target.kind === 'queue' && typeof target.queueId === 'string') ||
        (target.kind === 'agent' && typeof target.agentId === 'string'));
    if (!ok)
      return invalid(`${type}: "target" must be {kind:"queue",queueId} or {kind:"agent",agentId}`);
  }
  return undefined;
}

function invalid(message: string): RouterError {
  return { code: RouterErrorCode.invalidCommand, message };
}
