import { describe, expect, it } from 'vitest';
import { EventScheduler } from '../../sim/eventScheduler.js';
import { type EffectTargets, RouterLink } from '../../sim/routerLink.js';
import { emptyCounts } from '../../sim/simCounts.js';
import { type Command, type Effect, Router } from '../../src/core/index.js';
import { customer, tenant } from '../core/harness.js';

type Seen = { kind: string; agentId?: string; detail?: string };

function seen(effect: Effect): Seen | null {
  switch (effect.type) {
    case 'desktop':
      return { kind: `desktop ${effect.event.type}`, agentId: effect.agentId };
    case 'agent.state':
      return { kind: 'agent.state', agentId: effect.record.agentId, detail: effect.record.status };
    case 'record':
      return { kind: 'record', detail: effect.record.conversationId };
    case 'customer.send':
      return { kind: 'customer.send', detail: effect.conversationId };
    default:
      // Timers become engine events, opened conversations are not handed to the targets.
      return null;
  }
}

describe('RouterLink (issue 13: effects carried out from reused buffers)', () => {
  it('carries out a command sent while another command’s effects are carried out, and then the rest of those', () => {
    const message: Command & { type: 'customer.message' } = {
      type: 'customer.message',
      assetId: 'pn-sales',
      customer: customer(1),
      messageId: 'm1',
      text: 'hello',
    };
    const annReady: Command = { type: 'agent.setState', agentId: 'ann', status: 'Available' };
    const bobReady: Command = { type: 'agent.setState', agentId: 'bob', status: 'Available' };

    // What the router makes, command by command, handled one after the other.
    const plain = new Router(tenant());
    const effectsOf = (command: Command): Seen[] => {
      const result = plain.handle(0, command);
      if (!result.ok) throw new Error(result.error.message);
      return result.effects.map(seen).filter((s): s is Seen => s !== null);
    };
    effectsOf(message);
    // Ann's status shows on her desktop, then the waiting conversation is offered to her.
    const ofAnn = effectsOf(annReady);
    const ofBob = effectsOf(bobReady);
    const shownAt = ofAnn.findIndex((s) => s.kind === 'desktop agent.state');
    expect(shownAt).toBeGreaterThanOrEqual(0);
    expect(ofAnn.slice(shownAt + 1).map((s) => s.kind)).toContain('desktop offer');

    // The link, with a target that makes Bob ready from inside Ann's effects.
    const link = new RouterLink(new Router(tenant()), new EventScheduler(), emptyCounts());
    const delivered: Seen[] = [];
    let nested = false;
    const targets: EffectTargets = {
      desktop(agentId, event) {
        delivered.push({ kind: `desktop ${event.type}`, agentId });
        if (event.type === 'agent.state' && agentId === 'ann' && !nested) {
          nested = true;
          expect(link.send(bobReady)).toBe(true);
        }
      },
      customerSend(conversationId) {
        delivered.push({ kind: 'customer.send', detail: conversationId });
      },
      agentState(record) {
        delivered.push({ kind: 'agent.state', agentId: record.agentId, detail: record.status });
      },
      record(record) {
        delivered.push({ kind: 'record', detail: record.conversationId });
      },
      refused(_command, error) {
        throw new Error(error.message);
      },
    };
    link.targets = targets;
    let opened = '';
    expect(link.open(message, { opened: (id) => (opened = id) })).toBe(true);
    expect(opened).toBe('c1');
    delivered.length = 0;
    expect(link.send(annReady)).toBe(true);
    expect(delivered).toEqual([
      ...ofAnn.slice(0, shownAt + 1),
      ...ofBob,
      ...ofAnn.slice(shownAt + 1),
    ]);

    // Buffers given back: a refused command carries out nothing, the next one only its own.
    delivered.length = 0;
    let refusals = 0;
    link.targets = { ...targets, refused: () => refusals++ };
    expect(link.send({ type: 'agent.accept', agentId: 'bob', conversationId: 'c1' })).toBe(false);
    expect(refusals).toBe(1);
    expect(delivered).toEqual([]);
    expect(link.send({ type: 'agent.accept', agentId: 'ann', conversationId: 'c1' })).toBe(true);
    expect(delivered.map((s) => s.kind)).toContain('desktop conversation.accepted');
    expect(delivered.map((s) => s.kind)).not.toContain('desktop offer');
  });
});
