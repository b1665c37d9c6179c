import { describe, expect, it } from 'vitest';
import { type Command, Router, snapshot } from '../../src/core/index.js';
import { ScaledClock } from '../../src/server/clock.js';
import { ServerError } from '../../src/server/errors.js';
import { Journal } from '../../src/server/journal.js';
import { type Applied, Sequencer } from '../../src/server/sequencer.js';
import { tenant } from './fixtures.js';

function setup(maxPending = 1000) {
  const t = tenant();
  const journal = new Journal(':memory:', t);
  const router = new Router(t);
  const batches: number[] = [];
  const sequencer = new Sequencer(
    journal,
    new ScaledClock(1, 0, 1_000_000),
    {
      apply: (_seq, now, command) => router.handle(now, command),
      observeBatch: (size) => batches.push(size),
      log: () => {},
    },
    maxPending,
  );
  return { journal, router, sequencer, batches };
}

const login = (agentId: string): Command => ({
  type: 'agent.setState',
  agentId,
  status: 'Available',
});

describe('Sequencer (group commit)', () => {
  it('journals the commands of one tick in one transaction, then applies them in order', async () => {
    const { journal, sequencer, batches } = setup();
    const results = await Promise.all(
      ['ann', 'bob', 'cat', 'nobody'].map((a) => sequencer.submitAsync(login(a))),
    );
    expect(batches).toEqual([4]);
    expect(results.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(results.map((r) => r.result.ok)).toEqual([true, true, true, false]);
    // Refused commands are journaled too: a replay refuses them the same way.
    expect(journal.rowsAfter(0, 1000).map((r) => JSON.parse(r.command).agentId)).toEqual([
      'ann',
      'bob',
      'cat',
      'nobody',
    ]);
    journal.close();
  });

  it('answers a read queued after a command with the state after that command', async () => {
    const { router, sequencer, journal } = setup();
    void sequencer.submitAsync(login('ann'));
    const status = await sequencer.readAsync(() => router.state.agents.get('ann')!.status);
    expect(status).toBe('Available');
    journal.close();
  });

  it('a journal that cannot be written -> JOURNAL_UNAVAILABLE and nothing applied', async () => {
    const { router, sequencer, journal } = setup();
    const before = JSON.stringify(snapshot(router.state));
    journal.append = () => {
      throw new Error('SQLITE_FULL: database or disk is full');
    };
    const outcome = await sequencer.submitAsync(login('ann')).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(ServerError);
    expect(outcome).toMatchObject({ code: 'JOURNAL_UNAVAILABLE', status: 503 });
    expect(JSON.stringify(snapshot(router.state))).toBe(before);
  });

  it('beyond maxPending -> SERVER_BUSY, without journaling', async () => {
    const { sequencer, journal } = setup(2);
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map(() => sequencer.submitAsync(login('ann'))),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'SERVER_BUSY' });
    expect(journal.rowsAfter(0, 1000)).toHaveLength(2);
    journal.close();
  });

  it('after close, new commands get SHUTTING_DOWN; drain waits for what was queued', async () => {
    const { sequencer, journal } = setup();
    const queued = sequencer.submitAsync(login('ann'));
    sequencer.close();
    const late = await sequencer.submitAsync(login('bob')).catch((e: unknown) => e);
    expect(late).toMatchObject({ code: 'SHUTTING_DOWN' });
    await sequencer.drain();
    expect(((await queued) as Applied).result.ok).toBe(true);
    journal.close();
  });
});

describe('Sequencer (fsync failure)', () => {
  it('an fsync that fails -> JOURNAL_UNAVAILABLE for that batch and every later command', async () => {
    const { router, sequencer, journal } = setup();
    const before = JSON.stringify(snapshot(router.state));
    journal.sync = () => Promise.reject(new Error('EIO: i/o error, fdatasync'));
    const first = await sequencer.submitAsync(login('ann')).catch((e: unknown) => e);
    expect(first).toMatchObject({ code: 'JOURNAL_UNAVAILABLE' });
    journal.sync = () => Promise.resolve();
    const later = await sequencer.submitAsync(login('bob')).catch((e: unknown) => e);
    expect(later).toMatchObject({ code: 'JOURNAL_UNAVAILABLE' });
    expect(JSON.stringify(snapshot(router.state))).toBe(before);
    journal.close();
  });

  it('applies batches in order even when an earlier fsync is slower', async () => {
    const { router, sequencer, journal } = setup();
    let release!: () => void;
    journal.sync = () => new Promise<void>((r) => (release = r));
    const a = sequencer.submitAsync(login('ann'));
    await new Promise((r) => setImmediate(r));
    journal.sync = () => Promise.resolve();
    const b = sequencer.submitAsync(login('bob'));
    const order: string[] = [];
    void a.then(() => order.push('ann'));
    void b.then(() => order.push('bob'));
    await new Promise((r) => setTimeout(r, 20));
    // Nothing is applied while the first batch is not durable.
    expect(order).toEqual([]);
    expect(router.state.agents.get('bob')!.status).toBe('LoggedOut');
    release();
    await Promise.all([a, b]);
    expect(order).toEqual(['ann', 'bob']);
    journal.close();
  });
});
