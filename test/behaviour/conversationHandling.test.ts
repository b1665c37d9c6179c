import { describe, expect, it } from 'vitest';
import {
  type ConversationMind,
  conversationMind,
  type ListedAgent,
  MAX_RELISTS,
  mostFreeSlots,
} from '../../src/behaviour/index.js';
import { createRandom } from '../../src/scenario/index.js';
import { FakeShell } from './fakeShell.js';
import { AGENTS, behaviourOf, handleTimeOver } from './scenarios.js';

/**
 * What the owner and the consulted agent of a conversation do, driven directly: the test plays
 * the desktops and the customer. Transfers and conferences (SPEC R14-R19) go to the targets the
 * plan names; an agent-group target is the listed agent with the most free slots.
 */

const HAND_OVERS = {
  behaviour: {
    transfer: {
      probability: 1,
      targets: [{ queue: 'billing' }, { agentGroup: 'back' }],
      at: 0.5,
    },
    conference: {
      probability: 1,
      targets: [{ agentGroup: 'back' }, { queue: 'billing' }],
      at: 0.25,
      duration: { dist: 'deterministic', value: 15 },
      ownerEndsProbability: 0,
    },
  },
};

/** A conversation of the shell's behaviour (null: the default scenario's). */
function conversation(
  shell: FakeShell | null,
  plan: Partial<ConversationMind> = {},
): ConversationMind {
  const type = shell?.behaviour ?? behaviourOf();
  const c = conversationMind(0, createRandom(1, 'handling'), null, type, -1);
  c.id = 'c1';
  Object.assign(c, plan);
  return c;
}

/** A shell whose customer sends `messages` in all and has sent `sent.n` so far. */
function dialogueShell(options: {
  messages: number;
  defer?: boolean;
  over?: Record<string, unknown>;
}) {
  const sent = { n: 1 };
  const shell = new FakeShell({
    behaviour: behaviourOf(options.over ?? {}),
    agents: AGENTS,
    deferAnswers: options.defer ?? false,
    expectedMessages: () => options.messages,
    customerDone: () => sent.n >= options.messages,
  });
  for (const a of AGENTS) shell.login(a.id);
  return { shell, sent };
}

/** The agent's desktop shows `c` accepted (the offer and its accept are agentDecisions' tests). */
function accept(shell: FakeShell, agentId: string, c: ConversationMind, customerMessages = 1) {
  shell.model.accepted(shell.agent(agentId), c, customerMessages, c.replied);
}

/** The log lines about conversation `id`. */
function about(shell: FakeShell, id = 'c1'): string[] {
  return shell.log.filter((l) => l.includes(` ${id}`));
}

describe('dialogue', () => {
  it('answers each customer message after a reply time, then ends a close time after the last', () => {
    const { shell, sent } = dialogueShell({ messages: 2 });
    const c = conversation(shell);
    accept(shell, 'a1', c);
    expect(shell.wakeNames()).toEqual(['10000 owner']);
    shell.runUntil(15_000);
    expect(shell.log).toEqual(['10000 a1 send c1 hello']);
    // The owner waits for the customer: nothing is pending.
    expect(shell.pending()).toEqual([]);
    sent.n = 2;
    shell.now = 30_000;
    shell.model.customerMessage(shell.agent('a1'), c);
    shell.runUntil(100_000);
    expect(shell.log).toEqual([
      '10000 a1 send c1 hello',
      '40000 a1 send c1 hello',
      '43000 a1 end c1',
    ]);
  });

  it('replies slower while holding more conversations (concurrency slow-down 1.5 at two)', () => {
    const { shell } = dialogueShell({ messages: 1 });
    accept(shell, 'a1', conversation(shell, { id: 'other' } as Partial<ConversationMind>));
    const c = conversation(shell);
    accept(shell, 'a1', c);
    expect(shell.wakeNames()).toEqual(['10000 owner', '15000 owner']);
  });

  it('ignores a customer message shown to someone who is not the owner', () => {
    const { shell } = dialogueShell({ messages: 3 });
    const c = conversation(shell);
    accept(shell, 'a1', c);
    shell.runUntil(10_000);
    shell.model.customerMessage(shell.agent('b1'), c);
    expect(c.customerMessages).toBe(1);
  });

  it('conference after reply round(at·messages) to the listed back agent with most free slots (R17)', () => {
    const { shell } = dialogueShell({ messages: 4, over: HAND_OVERS });
    // b2 holds one conversation already: b1 and b3 have 3 free, b2 has 2; ties go to the first.
    accept(shell, 'b2', conversation(shell, { id: 'busy' } as Partial<ConversationMind>));
    const c = conversation(shell, { conferenceTarget: 0, conferenceMs: 15_000 });
    accept(shell, 'a1', c);
    shell.runUntil(10_000);
    expect(about(shell)).toEqual([
      '10000 a1 send c1 hello',
      '10000 a1 agents c1',
      '10000 a1 conference c1 agent:b1',
    ]);
    expect(c.conferencing).toBe(true);
    // b1 accepts the invitation; after its stay it leaves (the owner does not end it here, R19).
    const b1 = shell.agent('b1');
    shell.model.offered(b1, c, 'conference');
    shell.model.accepted(b1, c, 1, 1);
    shell.runUntil(30_000);
    expect(about(shell).at(-1)).toBe('25000 b1 leaveConference c1');
  });

  it('transfer after reply round(at·messages): the conference ends first, and the owner is gone (R16)', () => {
    const { shell } = dialogueShell({ messages: 2, over: HAND_OVERS });
    const c = conversation(shell, { transferTarget: 1, conferencing: true });
    accept(shell, 'a1', c);
    shell.runUntil(10_000);
    expect(shell.log).toEqual([
      '10000 a1 send c1 hello',
      '10000 a1 agents c1',
      '10000 a1 endConference c1',
      '10000 a1 transfer c1 agent:b1',
    ]);
    // The transferring owner goes to wrap-up: no more steps of its own.
    shell.model.wrapUpRequired(shell.agent('a1'), c);
    expect(c.owner).toBeNull();
    expect(shell.wakeNames()).toEqual(['14000 wrap-up']);
  });

  it('counts a transfer it could not make and goes on with the conversation', () => {
    const { shell, sent } = dialogueShell({ messages: 2, over: HAND_OVERS });
    for (const id of ['b1', 'b2', 'b3']) shell.model.statusShown(shell.agent(id), 'Idle', 'break');
    const c = conversation(shell, { transferTarget: 1 });
    accept(shell, 'a1', c);
    shell.runUntil(10_000);
    expect(shell.model.skipped).toEqual({ transfers: 1, conferences: 0 });
    sent.n = 2;
    shell.model.customerMessage(shell.agent('a1'), c);
    shell.runUntil(60_000);
    expect(shell.log.slice(-2)).toEqual(['20000 a1 send c1 hello', '23000 a1 end c1']);
  });

  it('chooses again from a fresh list when the chosen agent is refused as unavailable', () => {
    // The list is stale: b1 took other work between the list and the request. The router says
    // TARGET_AGENT_UNAVAILABLE; the owner asks again and b1 is no longer listed.
    let lists = 0;
    const shellWith = new FakeShell({
      behaviour: behaviourOf(HAND_OVERS),
      agents: AGENTS,
      expectedMessages: () => 4,
      customerDone: () => false,
      listAgents: () =>
        lists++ === 0
          ? [
              { id: 'b1', freeSlots: 3 },
              { id: 'b2', freeSlots: 2 },
            ]
          : [{ id: 'b2', freeSlots: 2 }],
      accept: () => false,
      refusal: (line) => (line.endsWith('agent:b1') ? 'TARGET_AGENT_UNAVAILABLE' : 'QUEUE_FULL'),
    });
    for (const a of AGENTS) shellWith.login(a.id);
    const c = conversation(shellWith, { conferenceTarget: 0, conferenceMs: 15_000 });
    accept(shellWith, 'a1', c);
    shellWith.runUntil(10_000);
    // b2 is refused too, with another reason: no third list; the owner goes on replying.
    expect(about(shellWith)).toEqual([
      '10000 a1 send c1 hello',
      '10000 a1 agents c1',
      '10000 a1 conference c1 agent:b1',
      '10000 a1 agents c1',
      '10000 a1 conference c1 agent:b2',
    ]);
    expect([c.request, c.conferencing, c.relists]).toEqual([0, false, 0]);
  });

  it(`asks for at most ${MAX_RELISTS} fresh lists in one hand-over`, () => {
    const shell = new FakeShell({
      behaviour: behaviourOf(HAND_OVERS),
      agents: AGENTS,
      expectedMessages: () => 2,
      customerDone: () => false,
      accept: (kind) => kind !== 'transfer',
      refusal: () => 'TARGET_AGENT_UNAVAILABLE',
    });
    for (const a of AGENTS) shell.login(a.id);
    const c = conversation(shell, { transferTarget: 1 });
    accept(shell, 'a1', c);
    shell.runUntil(10_000);
    const transfers = about(shell).filter((l) => l.includes(' transfer '));
    expect(transfers).toHaveLength(1 + MAX_RELISTS);
    expect(about(shell).filter((l) => l.includes(' agents '))).toHaveLength(1 + MAX_RELISTS);
    // The owner keeps the conversation and goes on with it.
    expect(c.owner).toBe(shell.agent('a1'));
    expect(c.request).toBe(0);
  });

  it('ends an interrupted conversation after a close time, with no more hand-overs (R8)', () => {
    const { shell } = dialogueShell({ messages: 3, over: HAND_OVERS });
    const c = conversation(shell, { transferTarget: 0 });
    accept(shell, 'a1', c);
    shell.now = 5_000;
    shell.model.interrupted(shell.agent('a1'), c);
    shell.runUntil(60_000);
    expect(shell.log).toEqual(['8000 a1 end c1']);
  });
});

describe('handle time', () => {
  const over = handleTimeOver(HAND_OVERS);

  it('ends after the handle time; a first owner confers at at·h and transfers at at·h', () => {
    const shell = new FakeShell({ behaviour: behaviourOf(over), agents: AGENTS });
    for (const a of AGENTS) shell.login(a.id);
    const c = conversation(shell, { transferTarget: 0, conferenceTarget: 1, conferenceMs: 10_000 });
    accept(shell, 'a1', c);
    shell.runUntil(100_000);
    // The conference request still waits in its queue: the transfer ends it first.
    expect(shell.log).toEqual([
      '25000 a1 conference c1 queue:billing',
      '50000 a1 endConference c1',
      '50000 a1 transfer c1 queue:billing',
    ]);
    const plain = conversation(shell);
    plain.id = 'c2';
    accept(shell, 'a2', plain);
    shell.runUntil(200_000);
    expect(shell.log.at(-1)).toBe('200000 a2 end c2');
  });

  it('takes a step that fell due while a request was in flight once the answer comes', () => {
    const shell = new FakeShell({
      behaviour: behaviourOf(over),
      agents: AGENTS,
      deferAnswers: true,
    });
    for (const a of AGENTS) shell.login(a.id);
    const c = conversation(shell, { conferenceTarget: 0, conferenceMs: 10_000 });
    accept(shell, 'a1', c);
    shell.runUntil(30_000);
    // The agents list for the conference is out; the end falls due at 100 s with it unanswered.
    expect(shell.log).toEqual(['25000 a1 agents c1']);
    shell.runUntil(100_000);
    expect(shell.log).toEqual(['25000 a1 agents c1']);
    shell.answerAll();
    expect(shell.log).toEqual([
      '25000 a1 agents c1',
      '100000 a1 conference c1 agent:b1',
      '100000 a1 end c1',
    ]);
  });
});

describe('the same decisions whether a request is answered at once or later', () => {
  // The simulator answers at once, the load replayer when the reply frame arrives: one script,
  // both ways, must give the same log.
  for (const model of ['dialogue', 'handle-time'] as const) {
    it(model, () => {
      const run = (defer: boolean) => {
        const over = model === 'dialogue' ? HAND_OVERS : handleTimeOver(HAND_OVERS);
        const { shell, sent } = dialogueShell({ messages: 4, defer, over });
        const c = conversation(shell, {
          transferTarget: 1,
          conferenceTarget: 0,
          conferenceMs: 5_000,
        });
        accept(shell, 'a1', c);
        for (let t = 0; t < 200_000; t += 1_000) {
          shell.runUntil(t);
          shell.answerAll();
          // The customer writes every 15 s until done; the owner sees each message.
          if (t > 0 && t % 15_000 === 0 && sent.n < 4 && c.owner !== null) {
            sent.n++;
            shell.model.customerMessage(c.owner, c);
          }
          // The listed agent accepts an invitation at once.
          const last = shell.log.at(-1) ?? '';
          const invited = /conference c1 agent:(\w+)$/.exec(last)?.[1];
          if (invited !== undefined && c.consulted === null && shell.pendingAnswerCount === 0) {
            const b = shell.agent(invited);
            shell.model.offered(b, c, 'conference');
            shell.model.accepted(b, c, sent.n, c.replied);
          }
          if (/ transfer c1 /.test(last) && c.owner !== null) {
            shell.model.wrapUpRequired(c.owner, c);
          }
        }
        return shell.log;
      };
      const atOnce = run(false);
      expect(atOnce.some((l) => / transfer c1 agent:/.test(l))).toBe(true);
      expect(atOnce.some((l) => / conference c1 agent:/.test(l))).toBe(true);
      expect(run(true)).toEqual(atOnce);
    });
  }
});

describe('mostFreeSlots (the one hand-over target rule, SPEC R14)', () => {
  const groupOf = new Map([
    ['a1', 0],
    ['b1', 1],
    ['b2', 1],
    ['b3', 1],
  ]);

  it("takes the group's listed agent with the most free slots, ties to the first listed", () => {
    const list: ListedAgent[] = [
      { id: 'a1', freeSlots: 9 },
      { id: 'b1', freeSlots: 1 },
      { id: 'b2', freeSlots: 3 },
      { id: 'b3', freeSlots: 3 },
    ];
    expect(mostFreeSlots(list, 1, groupOf, new Map(), conversation(null))).toBe('b2');
    expect(mostFreeSlots(list, 0, groupOf, new Map(), conversation(null))).toBe('a1');
    expect(mostFreeSlots(list, 2, groupOf, new Map(), conversation(null))).toBeNull();
    expect(mostFreeSlots([], 1, groupOf, new Map(), conversation(null))).toBeNull();
  });

  it('skips agents already in the conversation (offered it, holding it, owing its wrap-up)', () => {
    const shell = new FakeShell({ behaviour: behaviourOf(), agents: AGENTS });
    shell.login('b2');
    const c = conversation(shell);
    // b2 owes c's wrap-up (it left a conference): a list still shows it, the router would refuse.
    shell.model.offered(shell.agent('b2'), c, 'conference');
    shell.model.accepted(shell.agent('b2'), c, 1, 0);
    shell.model.wrapUpRequired(shell.agent('b2'), c);
    const list = [
      { id: 'b1', freeSlots: 1 },
      { id: 'b2', freeSlots: 2 },
    ];
    expect(mostFreeSlots(list, 1, groupOf, shell.byId, c)).toBe('b1');
  });
});
