import { describe, expect, it } from 'vitest';
import {
  type ConversationMind,
  ConversationStreams,
  conversationMind,
} from '../../src/behaviour/index.js';
import { createRandom } from '../../src/scenario/index.js';
import { FakeShell } from './fakeShell.js';
import { AGENTS, behaviourOf } from './scenarios.js';

/**
 * The agents' reactions, driven directly: the test plays each desktop (offers, accepts, RONA,
 * wrap-up requests) and reads what the agents did. No engine, no router, no socket.
 */

function conversation(shell: FakeShell, id: string, arrival = 0): ConversationMind {
  const c = conversationMind(arrival, createRandom(1, `c:${id}`), null, shell.behaviour, -1);
  c.id = id;
  return c;
}

describe('an agent offered a conversation', () => {
  it('accepts it after its accept delay, once, and not after the offer is withdrawn', () => {
    const shell = new FakeShell({ behaviour: behaviourOf(), agents: AGENTS });
    const a1 = shell.agent('a1');
    shell.login('a1');
    const c1 = conversation(shell, 'c1');
    const c2 = conversation(shell, 'c2', 1);
    shell.model.offered(a1, c1, 'route');
    shell.model.offered(a1, c2, 'route');
    expect([a1.offers, a1.held]).toEqual([2, 2]);
    expect(shell.wakeNames()).toEqual(['2000 accept', '2000 accept']);
    // c2 is withdrawn (the customer abandoned): its accept must not go out.
    shell.model.offerRevoked(a1, c2);
    expect(a1.held).toBe(1);
    shell.runUntil(10_000);
    expect(shell.log).toEqual(['2000 a1 accept c1']);
  });

  it('misses an offer with missProbability: no accept, the deadline makes it RONA (SPEC R4)', () => {
    const shell = new FakeShell({
      behaviour: behaviourOf({ behaviour: { agent: { missProbability: 1 } } }),
      agents: AGENTS,
    });
    const a1 = shell.agent('a1');
    shell.login('a1');
    shell.model.offered(a1, conversation(shell, 'c1'), 'route');
    expect(shell.pending()).toEqual([]);
    expect(a1.offers).toBe(1);
  });

  it('misses offers at the rate the scenario gives, each accepted or not on its own draw', () => {
    // p = 0.3 over n offers: the share missed is binomial; 4.4 standard errors either side.
    const p = 0.3;
    const n = 4000;
    const shell = new FakeShell({
      behaviour: behaviourOf({ behaviour: { agent: { missProbability: p } } }),
      agents: [{ id: 'x', group: 0, capacity: n }],
    });
    const x = shell.agent('x');
    shell.login('x');
    for (let i = 0; i < n; i++) shell.model.offered(x, conversation(shell, `c${i}`, i), 'route');
    const missed = n - shell.pending().length;
    const se = Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(missed / n - p)).toBeLessThan(4.4 * se);
  });

  it('starts a conference leg, not an owner leg, when the offer was a conference invitation', () => {
    const shell = new FakeShell({ behaviour: behaviourOf(), agents: AGENTS });
    const b1 = shell.agent('b1');
    shell.login('b1');
    const c = conversation(shell, 'c1');
    c.conferenceTarget = 0;
    c.conferenceMs = 15_000;
    shell.model.offered(b1, c, 'conference');
    shell.model.accepted(b1, c, 1, 0);
    expect(c.consulted).toBe(b1);
    expect(c.owner).toBeNull();
    expect(shell.wakeNames()).toContain('15000 consult-done');
  });
});

describe('RONA (SPEC R4)', () => {
  it('comes back to Available after the return delay when its draw says so', () => {
    const shell = new FakeShell({ behaviour: behaviourOf(), agents: AGENTS });
    const a1 = shell.agent('a1');
    shell.login('a1');
    shell.model.statusShown(a1, 'RONA', null);
    expect(shell.wakeNames()).toEqual(['30000 rona-return']);
    shell.runUntil(60_000);
    expect(shell.log).toEqual(['30000 a1 setState Available']);
  });

  it('stays Idle for the rest of its shift otherwise, with the RONA idle code, at once', () => {
    const shell = new FakeShell({
      behaviour: behaviourOf({ behaviour: { agent: { ronaReturn: { probability: 0 } } } }),
      agents: AGENTS,
    });
    const a1 = shell.agent('a1');
    shell.login('a1');
    shell.model.statusShown(a1, 'RONA', null);
    shell.runUntil(0);
    expect(shell.log).toEqual(['0 a1 setState Idle break']);
    expect(a1.stuckIdle).toBe(true);
  });

  it('does nothing when the agent is off shift, or no longer in RONA when the wake comes', () => {
    const shell = new FakeShell({ behaviour: behaviourOf(), agents: AGENTS });
    const a1 = shell.agent('a1');
    a1.onShift = false;
    shell.model.statusShown(a1, 'RONA', null);
    expect(shell.pending()).toEqual([]);
    shell.login('a1');
    shell.model.statusShown(a1, 'RONA', null);
    shell.model.statusShown(a1, 'Idle', 'break');
    shell.runUntil(60_000);
    expect(shell.log).toEqual([]);
  });
});

describe('wrap-up (SPEC R20)', () => {
  it('submits after the wrap-up time with a reason drawn by weight when the wrap-up is asked for', () => {
    const shell = new FakeShell({ behaviour: behaviourOf(), agents: AGENTS });
    const a1 = shell.agent('a1');
    shell.login('a1');
    const c = conversation(shell, 'c1');
    shell.model.offered(a1, c, 'route');
    shell.model.accepted(a1, c, 1, 0);
    shell.model.wrapUpRequired(a1, c);
    expect([a1.active, a1.wrapUps]).toEqual([0, 1]);
    expect(c.owner).toBeNull();
    shell.runUntil(100_000);
    expect(shell.log.at(-1)).toMatch(/^\d+ a1 wrapUp c1 (solved|callback)$/);
    shell.model.wrapUpDone(a1, c);
    expect(a1.held).toBe(0);
  });

  it('picks reasons in proportion to their weights (3:1)', () => {
    // Over n wrap-ups the share of `solved` is binomial with p = 3/4: 4.4 standard errors.
    const n = 4000;
    const shell = new FakeShell({
      behaviour: behaviourOf(),
      agents: [{ id: 'x', group: 0, capacity: n }],
    });
    const x = shell.agent('x');
    shell.login('x');
    for (let i = 0; i < n; i++) {
      const c = conversation(shell, `c${i}`, i);
      shell.model.offered(x, c, 'route');
      shell.model.accepted(x, c, 1, 0);
      shell.model.wrapUpRequired(x, c);
    }
    shell.runUntil(Number.POSITIVE_INFINITY);
    const solved = shell.log.filter((l) => l.endsWith(' solved')).length;
    const se = Math.sqrt((0.75 * 0.25) / n);
    expect(Math.abs(solved / n - 0.75)).toBeLessThan(4.4 * se);
    expect(shell.log.filter((l) => / wrapUp /.test(l))).toHaveLength(n);
  });

  it('logs out an agent off shift once it holds nothing', () => {
    const shell = new FakeShell({ behaviour: behaviourOf(), agents: AGENTS });
    const a1 = shell.agent('a1');
    shell.login('a1');
    const c = conversation(shell, 'c1');
    shell.model.offered(a1, c, 'route');
    shell.model.accepted(a1, c, 1, 0);
    // The plan wants one agent of the group: a1 holds work, so a2 (holding nothing) goes first.
    shell.login('a2');
    shell.model.shiftChange([a1, shell.agent('a2')], 1);
    expect(shell.log).toEqual(['0 a2 setState LoggedOut']);
    shell.model.shiftChange([a1, shell.agent('a2')], 0);
    expect(shell.log.at(-1)).toBe('0 a1 setState Idle end-of-shift');
    shell.model.statusShown(a1, 'Idle', 'end-of-shift');
    shell.model.wrapUpRequired(a1, c);
    shell.runUntil(10_000);
    shell.model.wrapUpDone(a1, c);
    shell.runUntil(10_000);
    expect(shell.log.at(-1)).toBe('10000 a1 setState LoggedOut');
  });
});

describe('staffing changes', () => {
  it('brings agents on as Available and sends the least busy off first', () => {
    const shell = new FakeShell({ behaviour: behaviourOf(), agents: AGENTS });
    const [b1, b2, b3] = ['b1', 'b2', 'b3'].map((id) => shell.agent(id));
    shell.model.shiftChange([b1!, b2!, b3!], 2);
    expect(shell.log).toEqual(['0 b1 setState Available', '0 b2 setState Available']);
    expect([b1!.onShift, b2!.onShift, b3!.onShift]).toEqual([true, true, false]);
  });
});

describe("an agent's decisions about a conversation", () => {
  // Random accept delays and wrap-up times, so that every draw shows in the log.
  const random = {
    behaviour: {
      agent: {
        acceptDelay: { dist: 'exponential', mean: 5 },
        wrapUpTime: { dist: 'exponential', mean: 10 },
      },
    },
  };

  /**
   * One agent offered arrivals 0..3 in `order`, then asked for their wrap-ups in that order:
   * what it did with each conversation, sorted (the times and reasons of each).
   */
  function decisions(order: readonly number[], keyed: boolean): string[] {
    const shell = new FakeShell({
      behaviour: behaviourOf(random),
      agents: [{ id: 'x', group: 0, capacity: 4 }],
    });
    const x = shell.agent('x');
    shell.login('x');
    const streams = new ConversationStreams(3);
    const cs = new Map<number, ConversationMind>();
    for (const arrival of order) {
      const c = conversationMind(
        arrival,
        streams.handling(arrival),
        null,
        shell.behaviour,
        -1,
        keyed ? streams.decisions(arrival) : null,
      );
      c.id = `c${arrival}`;
      cs.set(arrival, c);
      shell.model.offered(x, c, 'route');
    }
    shell.runUntil(1_000_000);
    shell.now = 1_000_000;
    for (const arrival of order) {
      const c = cs.get(arrival)!;
      shell.model.accepted(x, c, 1, 0);
      shell.model.wrapUpRequired(x, c);
    }
    shell.runUntil(Number.POSITIVE_INFINITY);
    return shell.log.filter((l) => / (accept|wrapUp) /.test(l)).sort();
  }

  it('draws them from streams keyed by the conversation: the order of events changes none', () => {
    // The load replayer sees one agent's offers and wrap-ups of different conversations in
    // another order than the simulator does; keyed draws make the same decisions anyway.
    const forward = decisions([0, 1, 2, 3], true);
    expect(forward).toHaveLength(8);
    expect(decisions([3, 1, 0, 2], true)).toEqual(forward);
    // The agent's own streams, drawn in event order, give each conversation other numbers.
    expect(decisions([3, 1, 0, 2], false)).not.toEqual(decisions([0, 1, 2, 3], false));
  });

  it('gives each offer of a conversation (a re-offer after RONA too) a draw of its own', () => {
    const streams = new ConversationStreams(3);
    const d = streams.decisions(5);
    const first = d.offer(0).next();
    expect(d.offer(1).next()).not.toBe(first);
    expect(d.wrapUp(0).next()).not.toBe(first);
    expect(streams.decisions(5).offer(0).next()).toBe(first);
  });

  it('draws the same for an offer whichever agent the router chose', () => {
    // A tie of two agents that real time breaks otherwise than the simulator changes no draw.
    const run = (agentId: string) => {
      const shell = new FakeShell({ behaviour: behaviourOf(random), agents: AGENTS });
      shell.login(agentId);
      const streams = new ConversationStreams(3);
      const c = conversationMind(
        0,
        streams.handling(0),
        null,
        shell.behaviour,
        -1,
        streams.decisions(0),
      );
      c.id = 'c0';
      shell.model.offered(shell.agent(agentId), c, 'route');
      return shell.wakeNames();
    };
    expect(run('a2')).toEqual(run('a1'));
  });
});
