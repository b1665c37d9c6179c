import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Command,
  type Effect,
  Router,
  type RouterStateExport,
  StateRestoreError,
  snapshot,
  type TenantConfig,
} from '../../src/core/index.js';
import { config, routingConfig, step, toCommand } from './commandSteps.js';
import { Harness, tenant } from './harness.js';

/**
 * A snapshot of the router's state (`exportState`) restored into a fresh router
 * (`Router.restore`) must be indistinguishable from the original: the same state now, and the
 * same effects and refusals for every command that follows. Random command sequences are cut at
 * a random step, the state goes through JSON (as the server stores it), and both routers take the
 * rest of the sequence. Whoever changes the core's state later must keep this property: a field
 * the export forgets makes the two routers part ways.
 */

function timersOf(effects: readonly Effect[], timers: Set<string>): void {
  for (const e of effects) {
    if (e.type === 'timer.set') timers.add(e.timerId);
    if (e.type === 'timer.cancel') timers.delete(e.timerId);
  }
}

function roundTrip(tenantConfig: TenantConfig, router: Router): Router {
  const json = JSON.stringify(router.exportState());
  return Router.restore(tenantConfig, JSON.parse(json) as RouterStateExport);
}

const masked: TenantConfig = { ...config, masking: { enabled: true } };
const capped: TenantConfig = {
  ...config,
  limits: { maxQueueLength: 3, maxMessagesPerConversation: 4 },
};

describe('exportState / Router.restore', () => {
  it.each([
    ['plain', config],
    ['masking on', masked],
    ['with caps', capped],
    ['priorities, skills and overflow', routingConfig],
  ] as const)(
    '%s: a restored router behaves exactly like the original for the commands that follow',
    (_name, tenantConfig) => {
      let compared = 0;
      fc.assert(
        fc.property(
          fc.array(step, { minLength: 40, maxLength: 250, size: 'max' }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          (steps, cutAt) => {
            const original = new Router(tenantConfig);
            const timers = new Set<string>();
            const cut = Math.floor(cutAt * steps.length);
            let now = 0;
            for (const s of steps.slice(0, cut)) {
              now += s.dt;
              const result = original.handle(now, toCommand(original, s, [...timers]));
              if (result.ok) timersOf(result.effects, timers);
            }
            const restored = roundTrip(tenantConfig, original);
            expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(original.snapshot()));
            expect(JSON.stringify(restored.exportState())).toBe(
              JSON.stringify(original.exportState()),
            );
            const timersB = new Set(timers);
            for (const s of steps.slice(cut)) {
              now += s.dt;
              const a: Command = toCommand(original, s, [...timers]);
              const b: Command = toCommand(restored, s, [...timersB]);
              expect(b).toEqual(a);
              const ra = original.handle(now, a);
              const rb = restored.handle(now, b);
              expect(JSON.stringify(rb)).toBe(JSON.stringify(ra));
              if (ra.ok) timersOf(ra.effects, timers);
              if (rb.ok) timersOf(rb.effects, timersB);
              compared++;
            }
            expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(original.snapshot()));
          },
        ),
        { seed: 16_001, numRuns: 150 },
      );
      expect(compared).toBeGreaterThan(5000);
    },
  );

  it('an export is plain JSON of the open state only: finished conversations are not in it', () => {
    const h = new Harness();
    h.login('ann');
    h.at(1000).message(1);
    h.accept('ann', 'c1');
    h.end('ann', 'c1');
    h.ok({ type: 'agent.wrapUp', agentId: 'ann', conversationId: 'c1', reasonId: 'resolved' });
    h.message(2);
    const exported = h.router.exportState();
    expect(exported.version).toBe(2);
    expect(exported.conversations.map((c) => c.id)).toEqual(['c2']);
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
  });

  it('times that have not happened are null in an export and not yet set after a restore', () => {
    const h = new Harness();
    h.login('ann');
    h.at(1000).message(1);
    h.at(2000).accept('ann', 'c1');
    const exported = h.router.exportState();
    const [c1] = exported.conversations;
    expect([c1!.firstOfferedAt, c1!.acceptedAt, c1!.endedAt]).toEqual([1000, 2000, null]);
    expect(c1!.legs.map((l) => [l.acceptedAt, l.endedAt, l.wrapUpAt])).toEqual([
      [2000, null, null],
    ]);
    // Through JSON, as the server stores it; the restored router must count them as unset, or
    // the end below would keep a leg's end of null and the record would be wrong.
    const restored = Router.restore(tenant(), JSON.parse(JSON.stringify(exported)));
    expect(
      restored.handle(3000, { type: 'agent.end', agentId: 'ann', conversationId: 'c1' }).ok,
    ).toBe(true);
    const done = restored.handle(4000, {
      type: 'agent.wrapUp',
      agentId: 'ann',
      conversationId: 'c1',
      reasonId: 'resolved',
    });
    const record = done.ok ? done.effects.find((e) => e.type === 'record') : done.error;
    expect(record).toMatchObject({
      record: {
        firstOfferedAt: 1000,
        acceptedAt: 2000,
        endedAt: 3000,
        legs: [{ acceptedAt: 2000, endedAt: 3000, wrapUpAt: 4000 }],
      },
    });
  });

  it('refuses another version and an export that names what the tenant lacks', () => {
    const h = new Harness();
    h.at(1000).message(1);
    const exported = h.router.exportState();
    expect(() => Router.restore(tenant(), { ...exported, version: 999 } as never)).toThrow(
      StateRestoreError,
    );
    const other = tenant({ assets: [{ id: 'pn-x', number: '+1', queueId: 'sales' }] });
    expect(() => Router.restore(other, exported)).toThrow(/asset "pn-sales"/);
    const snap = JSON.stringify(snapshot(Router.restore(tenant(), exported).state));
    expect(snap).toBe(JSON.stringify(snapshot(h.router.state)));
  });
});
