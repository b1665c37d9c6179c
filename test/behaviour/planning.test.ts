import { describe, expect, it } from 'vitest';
import {
  drawHandOvers,
  type FirstOwnerSchedule,
  type HandOverDraw,
  messageCount,
  nextHandleTimeStep,
  pick,
  planDialogueRounds,
  planHandleTime,
  type ShiftMember,
  shiftChanges,
  slowdownFor,
} from '../../src/behaviour/index.js';
import { compileBehaviour } from '../../src/scenario/behaviour.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { createRandom } from '../../src/scenario/random.js';
import { BASE, DIALOGUE } from '../scenario/fixture.js';
import { scripted } from './fakeShell.js';

const base = parseScenario(BASE);
const dialogue = parseScenario(DIALOGUE);

function schedule(): FirstOwnerSchedule {
  return {
    transferTarget: -1,
    conferenceTarget: -1,
    conferenceMs: 0,
    ownerEndsConference: false,
    kTransfer: -1,
    kConference: -1,
    tEnd: Number.NaN,
    tTransfer: Number.NaN,
    tConference: Number.NaN,
  };
}

describe('pick, slowdownFor, messageCount', () => {
  it('picks the first index whose cumulative weight exceeds u', () => {
    const cum = Float64Array.from([0.25, 0.75, 1]);
    expect([0, 0.2499, 0.25, 0.7, 0.75, 0.9999].map((u) => pick(cum, u))).toEqual([
      0, 0, 1, 1, 2, 2,
    ]);
    expect(pick(Float64Array.from([1]), 0.99)).toBe(0);
  });

  it('uses the last slow-down beyond the table, and the first for none held', () => {
    const table = Float64Array.from([1, 1.2, 1.5]);
    expect([0, 1, 2, 3, 4, 9].map((held) => slowdownFor(table, held))).toEqual([
      1, 1, 1.2, 1.5, 1.5, 1.5,
    ]);
  });

  it('rounds message counts up, at least 1', () => {
    expect([0, 0.2, 1, 3.2, 4].map(messageCount)).toEqual([1, 1, 1, 4, 4]);
  });
});

describe('drawHandOvers', () => {
  it('draws transfer yes/no and target, then conference yes/no, target, duration, owner-ends', () => {
    const b = compileBehaviour(dialogue);
    // transfer: 0.05 < 0.1 yes, target u 0.6 → back; conference: yes, u 0.1 → front, owner ends.
    const rng = scripted([0.05, 0.6, 0.5, 0.1, 0.3]);
    const into: HandOverDraw = {
      transferTarget: -1,
      conferenceTarget: -1,
      conferenceMs: 0,
      ownerEndsConference: false,
    };
    drawHandOvers(b, rng, into);
    expect(rng.drawn).toBe(5);
    expect(into).toEqual({
      transferTarget: 1,
      conferenceTarget: 0,
      conferenceMs: 90_000,
      ownerEndsConference: true,
    });
  });

  it('makes every draw whether or not it is used, and leaves an undrawn plan alone', () => {
    const b = compileBehaviour(base);
    const rng = scripted([0.5, 0.0]);
    const into: HandOverDraw = {
      transferTarget: -1,
      conferenceTarget: -1,
      conferenceMs: 7,
      ownerEndsConference: false,
    };
    drawHandOvers(b, rng, into);
    expect(rng.drawn).toBe(2);
    expect(into).toEqual({
      transferTarget: -1,
      conferenceTarget: -1,
      conferenceMs: 7,
      ownerEndsConference: false,
    });
  });

  it('is a pure function of the stream', () => {
    const b = compileBehaviour(dialogue);
    const draw = (seed: number) => {
      const into = schedule();
      drawHandOvers(b, createRandom(seed, 'plan'), into);
      return into;
    };
    expect(draw(3)).toEqual(draw(3));
  });
});

describe('the first owner schedule', () => {
  const b = compileBehaviour(dialogue);

  it('dialogue: conference and transfer after reply round(at·messages)', () => {
    const c = schedule();
    c.transferTarget = 0;
    c.conferenceTarget = 1;
    planDialogueRounds(b, 4, c);
    expect([c.kTransfer, c.kConference]).toEqual([2, 1]);
    // A conference not before the transfer's round is dropped.
    const late = schedule();
    late.transferTarget = 0;
    late.conferenceTarget = 1;
    planDialogueRounds(b, 2, late);
    expect([late.kTransfer, late.kConference]).toEqual([1, -1]);
    const none = schedule();
    planDialogueRounds(b, 4, none);
    expect([none.kTransfer, none.kConference]).toEqual([-1, -1]);
  });

  it('handle time: end, conference and transfer at `at` of the leg, first owner only', () => {
    const c = schedule();
    c.transferTarget = 0;
    c.conferenceTarget = 0;
    planHandleTime(b, 1000, 8000, true, c);
    expect([c.tEnd, c.tTransfer, c.tConference]).toEqual([9000, 5000, 3000]);
    expect(nextHandleTimeStep(c)).toBe(3000);
    c.tConference = Number.NaN;
    expect(nextHandleTimeStep(c)).toBe(5000);
    planHandleTime(b, 1000, 8000, false, c);
    expect([c.tEnd, c.tTransfer, c.tConference]).toEqual([9000, Number.NaN, Number.NaN]);
    expect(nextHandleTimeStep(c)).toBe(9000);
  });
});

describe('shiftChanges', () => {
  interface A extends ShiftMember {
    index: number;
  }
  const agent = (index: number, over: Partial<A> = {}): A => ({
    index,
    onShift: false,
    stuckIdle: false,
    status: 'LoggedOut',
    held: 0,
    ...over,
  });
  const ids = (list: readonly A[]) => list.map((a) => a.index);

  it('brings on agents still logged in first, then by index', () => {
    const members = [agent(0), agent(1, { status: 'Idle', held: 1 }), agent(2), agent(3)];
    const { comeOn, goOff } = shiftChanges(members, 2, (a) => a.index);
    expect(ids(comeOn)).toEqual([1, 0]);
    expect(goOff).toEqual([]);
  });

  it('sends off the stuck, then RONA, then those holding least, the last first', () => {
    const on = { onShift: true, status: 'Available' };
    const members = [
      agent(0, { ...on, held: 0 }),
      agent(1, { ...on, held: 2 }),
      agent(2, { ...on, status: 'RONA', held: 3 }),
      agent(3, { ...on, status: 'Idle', stuckIdle: true, held: 4 }),
      agent(4, { ...on, held: 0 }),
    ];
    expect(ids(shiftChanges(members, 1, (a) => a.index).goOff)).toEqual([3, 2, 4, 0]);
    expect(shiftChanges(members, 5, (a) => a.index)).toEqual({ comeOn: [], goOff: [] });
  });
});
