import { describe, expect, it } from 'vitest';
import { type Command, Router, RouterErrorCode } from '../../src/core/index.js';
import { customer, Harness, tenant } from './harness.js';

describe('invalid commands are refused with a stable code and change nothing', () => {
  function busy(): Harness {
    const h = new Harness();
    h.login('ann', 'bob');
    h.message(1);
    h.accept('ann', 'c1');
    h.message(2); // offered to bob
    return h;
  }

  const cases: [string, Command, string][] = [
    [
      'accepting an offer that is not yours',
      { type: 'agent.accept', agentId: 'ann', conversationId: 'c2' },
      'NOT_OFFERED_TO_AGENT',
    ],
    [
      'accepting twice',
      { type: 'agent.accept', agentId: 'ann', conversationId: 'c1' },
      'NOT_OFFERED_TO_AGENT',
    ],
    [
      'sending on a conversation you do not hold',
      { type: 'agent.send', agentId: 'bob', conversationId: 'c1', text: 'x' },
      'NOT_A_PARTICIPANT',
    ],
    [
      'sending on an unknown conversation',
      { type: 'agent.send', agentId: 'ann', conversationId: 'c99', text: 'x' },
      'UNKNOWN_CONVERSATION',
    ],
    [
      'an unknown agent',
      { type: 'agent.setState', agentId: 'zed', status: 'Available' },
      'UNKNOWN_AGENT',
    ],
    [
      'Available when already Available',
      { type: 'agent.setState', agentId: 'ann', status: 'Available' },
      'INVALID_STATE_TRANSITION',
    ],
    [
      'an unknown idle code',
      { type: 'agent.setState', agentId: 'ann', status: 'Idle', idleCode: 'nap' },
      'UNKNOWN_IDLE_CODE',
    ],
    [
      'ending a conversation you do not own',
      { type: 'agent.end', agentId: 'bob', conversationId: 'c1' },
      'NOT_A_PARTICIPANT',
    ],
    [
      'wrap-up without ending',
      { type: 'agent.wrapUp', agentId: 'ann', conversationId: 'c1', reasonId: 'resolved' },
      'NOT_IN_WRAPUP',
    ],
    [
      'transfer to an unavailable agent',
      {
        type: 'agent.transfer',
        agentId: 'ann',
        conversationId: 'c1',
        target: { kind: 'agent', agentId: 'cat' },
      },
      'TARGET_AGENT_UNAVAILABLE',
    ],
    [
      'transfer to an agent with no free slot',
      {
        type: 'agent.transfer',
        agentId: 'ann',
        conversationId: 'c1',
        target: { kind: 'agent', agentId: 'bob' },
      },
      'TARGET_AGENT_UNAVAILABLE',
    ],
    [
      'conference to an unknown queue',
      {
        type: 'agent.conference',
        agentId: 'ann',
        conversationId: 'c1',
        target: { kind: 'queue', queueId: 'x' },
      },
      'UNKNOWN_QUEUE',
    ],
    [
      'leaving a conference that does not exist',
      { type: 'agent.leaveConference', agentId: 'ann', conversationId: 'c1' },
      'NO_CONFERENCE',
    ],
    [
      'ending a conference that does not exist',
      { type: 'agent.endConference', agentId: 'ann', conversationId: 'c1' },
      'NO_CONFERENCE',
    ],
    [
      'abandoning an answered conversation',
      { type: 'customer.abandon', conversationId: 'c1' },
      'CONVERSATION_NOT_WAITING',
    ],
    [
      'a message to an unknown asset',
      {
        type: 'customer.message',
        assetId: 'pn-x',
        customer: customer(1),
        messageId: 'm',
        text: 'x',
      },
      'UNKNOWN_ASSET',
    ],
    ['deleting an unknown asset', { type: 'admin.deleteAsset', assetId: 'pn-x' }, 'UNKNOWN_ASSET'],
  ];

  it.each(cases)('%s', (_name, command, code) => {
    busy().refuses(command, code);
  });

  it('logging out twice', () => {
    const h = new Harness();
    h.refuses(
      { type: 'agent.setState', agentId: 'ann', status: 'LoggedOut' },
      'INVALID_STATE_TRANSITION',
    );
  });

  it('malformed commands get INVALID_COMMAND', () => {
    const router = new Router(tenant());
    const bad: unknown[] = [
      null,
      42,
      {},
      { type: 'agent.dance', agentId: 'ann' },
      { type: 'agent.accept', agentId: 7, conversationId: 'c1' },
      { type: 'customer.message', assetId: 'pn-sales', messageId: 'm', text: 'x' },
      {
        type: 'customer.message',
        assetId: 'pn-sales',
        messageId: 'm',
        text: 'x',
        customer: { id: '1', name: 2, phone: '3' },
      },
      { type: 'agent.transfer', agentId: 'ann', conversationId: 'c1', target: { kind: 'moon' } },
      { type: 'agent.setState', agentId: 'ann', status: 'Sleeping' },
      { type: 'agent.setState', agentId: 'ann', status: 'Idle', idleCode: 3 },
    ];
    for (const command of bad) {
      const result = router.handle(0, command as Command);
      expect(result.ok, JSON.stringify(command)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe(RouterErrorCode.invalidCommand);
    }
    for (const now of [Number.NaN, Number.POSITIVE_INFINITY, '5']) {
      const result = router.handle(now as number, {
        type: 'agent.setState',
        agentId: 'ann',
        status: 'Available',
      });
      expect(result.ok).toBe(false);
    }
  });

  it('every error code is a distinct upper-case string', () => {
    const codes = Object.values(RouterErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z_]+$/);
  });
});
