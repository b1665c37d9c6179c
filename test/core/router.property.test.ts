import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Command,
  checkInvariants,
  type Effect,
  EffectBuffer,
  Router,
  snapshot,
  type TenantConfig,
} from '../../src/core/index.js';
import { config, routingConfig, step, toCommand } from './commandSteps.js';
import { tenant } from './harness.js';

/** The plain tenant with every routing default written out: it must route exactly the same. */
const explicitDefaults = tenant({
  ...config,
  queues: config.queues.map((q) => ({ ...q, priority: 0, overflow: [] })),
  agents: config.agents.map((a) => ({
    ...a,
    queues: (a.queues ?? ['sales', 'support', 'billing']).map((queue) => ({
      queue: String(queue),
      skill: 'primary' as const,
    })),
  })),
});

describe('router properties under random command sequences', () => {
  it('keeps its invariants, refuses without changing anything, and emits each record once, only when final', () => {
    checkProperties(config, 200, 10);
  });

  it('keeps them with priorities, skills and overflow', () => {
    // Half the runs: each command and outcome must still be reached a few times.
    checkProperties(routingConfig, 100, 3);
  });

  it('handleInto appends what handle returns to the buffer of the shell, and nothing when refused', () => {
    // The simulator's hot path (issue 13): one reused buffer instead of an array per command.
    let refused = 0;
    let appendedAfterOthers = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 50, maxLength: 300, size: 'max' }), (steps) => {
        const plain = new Router(config);
        const into = new Router(config);
        const buffer = new EffectBuffer();
        const timers = new Set<string>();
        let now = 0;
        for (const s of steps) {
          now += s.dt;
          const command = toCommand(plain, s, [...timers]);
          const a = plain.handle(now, command);
          // Effects of earlier commands still in the buffer stay as they are.
          const kept = buffer.length;
          const error = into.handleInto(now, command, buffer);
          if (!a.ok) {
            refused++;
            expect(error).toEqual(a.error);
            expect(buffer.length).toBe(kept);
            continue;
          }
          expect(error).toBeUndefined();
          const appended: Effect[] = [];
          for (let i = kept; i < buffer.length; i++) appended.push(buffer.at(i));
          expect(appended).toEqual(a.effects);
          if (kept > 0 && appended.length > 0) appendedAfterOthers++;
          if (buffer.length > 40) buffer.truncate(0);
          trackTimers(timers, command, a.effects);
        }
        expect(snapshot(into.state)).toEqual(snapshot(plain.state));
      }),
      { seed: 20261206, numRuns: 50 },
    );
    // Both cases the property is about were reached.
    expect(refused).toBeGreaterThan(100);
    expect(appendedAfterOthers).toBeGreaterThan(100);
  });

  it('routes a tenant with every routing default written out exactly as one without', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 50, maxLength: 300, size: 'max' }), (steps) => {
        const plain = new Router(config);
        const explicit = new Router(explicitDefaults);
        const timers = new Set<string>();
        let now = 0;
        for (const s of steps) {
          now += s.dt;
          const command = toCommand(plain, s, [...timers]);
          const a = plain.handle(now, command);
          expect(explicit.handle(now, command)).toEqual(a);
          if (!a.ok) continue;
          trackTimers(timers, command, a.effects);
        }
      }),
      { seed: 20261202, numRuns: 50 },
    );
  });
});

function checkProperties(tenantConfig: TenantConfig, numRuns: number, reached: number): void {
  outcomes.clear();
  recordOutcomes.clear();
  fc.assert(
    fc.property(fc.array(step, { minLength: 50, maxLength: 300, size: 'max' }), (steps) => {
      const router = new Router(tenantConfig);
      const timers = new Set<string>();
      const recorded = new Set<string>();
      const created = new Set<string>();
      let now = 0;
      for (const s of steps) {
        now += s.dt;
        const command = toCommand(router, s, [...timers]);
        const before = JSON.stringify(snapshot(router.state));
        const result = router.handle(now, command);
        tally(command.type, result.ok ? 'ok' : result.error.code);
        if (!result.ok) {
          expect(JSON.stringify(snapshot(router.state))).toBe(before);
          continue;
        }
        if (command.type === 'timer.fired') timers.delete(command.timerId);
        for (const id of router.state.conversations.keys()) created.add(id);
        applyEffects(result.effects, timers, recorded, router);
        expect(checkInvariants(router.state)).toEqual([]);
      }
      // Every conversation is either still open or has exactly one final record.
      for (const id of created)
        expect(router.state.conversations.has(id) !== recorded.has(id)).toBe(true);
    }),
    { seed: 20261124, numRuns },
  );
  // The generator must reach every command and outcome, or the property proves little.
  for (const type of [
    'customer.message',
    'customer.abandon',
    'agent.accept',
    'agent.send',
    'agent.transfer',
    'agent.conference',
    'agent.leaveConference',
    'agent.endConference',
    'agent.end',
    'agent.wrapUp',
    'timer.fired',
    'admin.deleteAsset',
  ]) {
    expect(outcomes.get(`${type} ok`) ?? 0, type).toBeGreaterThan(reached);
  }
  for (const outcome of ['handled', 'abandoned', 'interrupted', 'transfer-disconnected']) {
    expect(recordOutcomes.get(outcome) ?? 0, outcome).toBeGreaterThan(reached);
  }
}

const outcomes = new Map<string, number>();
const recordOutcomes = new Map<string, number>();
function tally(type: string, outcome: string): void {
  const key = `${type} ${outcome}`;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

function applyEffects(
  effects: readonly Effect[],
  timers: Set<string>,
  recorded: Set<string>,
  router: Router,
): void {
  for (const effect of effects) {
    if (effect.type === 'timer.set') timers.add(effect.timerId);
    if (effect.type === 'timer.cancel') timers.delete(effect.timerId);
    if (effect.type === 'desktop' && effect.event.type === 'offer') {
      const agent = router.state.agents.get(effect.agentId)!;
      // No offer to a non-Available agent (checked at the moment it is made).
      expect(agent.status).toBe('Available');
    }
    if (effect.type === 'record') {
      const id = effect.record.conversationId;
      expect(recorded.has(id)).toBe(false);
      expect(router.state.conversations.has(id)).toBe(false);
      expect(effect.record.legs.every((leg) => leg.wrapUpAt >= leg.endedAt)).toBe(true);
      recorded.add(id);
      recordOutcomes.set(
        effect.record.outcome,
        (recordOutcomes.get(effect.record.outcome) ?? 0) + 1,
      );
    }
  }
}

/** Keeps `timers` the set of armed timers after `command` and its effects. */
function trackTimers(timers: Set<string>, command: Command, effects: readonly Effect[]): void {
  if (command.type === 'timer.fired') timers.delete(command.timerId);
  for (const e of effects) {
    if (e.type === 'timer.set') timers.add(e.timerId);
    if (e.type === 'timer.cancel') timers.delete(e.timerId);
  }
}
