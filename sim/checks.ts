import {
  type AgentStateRecord,
  type Command,
  checkInvariants,
  type RouterError,
} from '../src/core/index.js';
import type { SimAgent } from './agent.js';
import { EVENT_NAMES } from './events.js';
import type { World } from './world.js';

/** Where a failed check happened: enough to reproduce it with `--seed` and the replication. */
export interface CheckFailureContext {
  readonly seed: number;
  readonly replication: number;
  /** Virtual time in milliseconds. */
  readonly at: number;
  readonly event: string;
}

/** A test-mode check failed: a bug in the router or in the simulator, never bad input. */
export class SimCheckError extends Error {
  readonly code = 'SIM_CHECK_FAILED';
  readonly context: CheckFailureContext;

  constructor(problems: readonly string[], context: CheckFailureContext) {
    super(
      `${problems.join('; ')} (seed ${context.seed}, replication ${context.replication}, ` +
        `t=${context.at} ms, event ${context.event}; reproduce with ` +
        `--seed ${context.seed} --replications ${context.replication + 1} --check, or ` +
        `simulateReplication(scenario, ${context.replication}, { seed: ${context.seed}, check: true }))`,
    );
    this.name = 'SimCheckError';
    this.context = context;
  }
}

/**
 * Test mode (TigerBeetle-style checkers beside the simulation, not in the router). After every
 * event: the router's own invariants; conservation (arrivals = handled + abandoned +
 * interrupted + disconnected + in system); and the simulator's view of every agent (kept from the
 * effects alone) agrees with the router's and stays within capacity. At every offer: the agent
 * was Available with a free slot. Any refused command is a failure too: the simulator only sends
 * what its view says is allowed.
 */
export class Checker {
  private readonly seed: number;
  private readonly replication: number;
  private event = 'start';

  /** `seed` is the run's seed (not the replication's), as `--seed` takes it. */
  constructor(seed: number, replication: number) {
    this.seed = seed;
    this.replication = replication;
  }

  private fail(world: World, problems: readonly string[]): never {
    throw new SimCheckError(problems, {
      seed: this.seed,
      replication: this.replication,
      at: world.engine.now,
      event: this.event,
    });
  }

  beforeEvent(kind: number): void {
    this.event = EVENT_NAMES[kind] ?? String(kind);
  }

  afterEvent(world: World): void {
    const problems = checkInvariants(world.router.state);
    const { counts, router } = world;
    const inSystem = router.state.conversations.size;
    const accounted =
      counts.handled +
      counts.abandoned +
      counts.interrupted +
      counts.transferDisconnected +
      inSystem;
    if (counts.arrivals !== accounted) {
      problems.push(
        `conservation: ${counts.arrivals} arrivals but ${counts.handled} handled + ` +
          `${counts.abandoned} abandoned + ${counts.interrupted} interrupted + ` +
          `${counts.transferDisconnected} disconnected + ${inSystem} in system`,
      );
    }
    for (const agent of world.agents) {
      const rt = router.state.agents.get(agent.id)!;
      if (agent.status !== rt.status) {
        problems.push(`agent ${agent.id}: sim sees ${agent.status}, router has ${rt.status}`);
      }
      if (agent.held !== rt.engaged) {
        problems.push(`agent ${agent.id}: sim sees ${agent.held} slots held, router ${rt.engaged}`);
      }
      if (agent.held > agent.capacity) {
        problems.push(`agent ${agent.id}: ${agent.held} slots over capacity ${agent.capacity}`);
      }
      if (agent.offers !== agent.pending.size) {
        problems.push(
          `agent ${agent.id}: ${agent.offers} offers but ${agent.pending.size} pending`,
        );
      }
    }
    if (problems.length > 0) this.fail(world, problems);
  }

  /** Called before the simulator counts an offer: the agent must be able to take it. */
  offered(world: World, agent: SimAgent, conversationId: string): void {
    if (agent.status !== 'Available') {
      this.fail(world, [`offer of ${conversationId} to ${agent.id} while ${agent.status}`]);
    }
    if (agent.held >= agent.capacity) {
      this.fail(world, [
        `offer of ${conversationId} to ${agent.id} holding ${agent.held} of ${agent.capacity}`,
      ]);
    }
  }

  stateChanged(world: World, agent: SimAgent, record: AgentStateRecord): void {
    if (record.status === 'LoggedOut' && agent.held > 0) {
      this.fail(world, [`${agent.id} logged out holding ${agent.held} slots`]);
    }
  }

  refused(world: World, command: Command, error: RouterError): never {
    this.fail(world, [`router refused ${command.type}: ${error.code} ${error.message}`]);
  }
}
