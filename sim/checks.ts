import type { AgentMind } from '../src/behaviour/agentMind.js';
import type { AgentStateRecord, Command, Router, RouterError } from '../src/core/index.js';
import { eventName } from './events.js';
import type { SimCounts } from './simCounts.js';

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

/** What the checks look at: the router's public queries, the agents' minds, the counts, the time. */
export interface CheckedRun {
  readonly router: Pick<Router, 'invariantProblems' | 'openConversationCount' | 'agentLoad'>;
  readonly agents: readonly AgentMind[];
  readonly counts: SimCounts;
  now(): number;
}

/**
 * Test mode (TigerBeetle-style checkers beside the simulation, not in the router). After every
 * event: the router's own invariants; conservation (arrivals = handled + abandoned +
 * interrupted + disconnected + in system); and every agent as its desktop shows it (its mind,
 * kept from the effects alone) agrees with the router and stays within capacity. At every
 * offer: the agent was Available with a free slot. Any refused command is a failure too: the
 * simulator only sends what its view says is allowed.
 */
export class Checker {
  private readonly seed: number;
  private readonly replication: number;
  private event = 'start';
  private run: CheckedRun | null = null;

  /** `seed` is the run's seed (not the replication's), as `--seed` takes it. */
  constructor(seed: number, replication: number) {
    this.seed = seed;
    this.replication = replication;
  }

  /** The run to check (the replication's run attaches itself). */
  attach(run: CheckedRun): void {
    this.run = run;
  }

  private fail(problems: readonly string[]): never {
    throw new SimCheckError(problems, {
      seed: this.seed,
      replication: this.replication,
      at: this.run!.now(),
      event: this.event,
    });
  }

  beforeEvent(kind: number, arg: number): void {
    this.event = eventName(kind, arg);
  }

  afterEvent(): void {
    const { router, counts, agents } = this.run!;
    const problems = router.invariantProblems();
    const inSystem = router.openConversationCount();
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
    for (const agent of agents) {
      const rt = router.agentLoad(agent.id)!;
      if (agent.status !== rt.status) {
        problems.push(`agent ${agent.id}: sim sees ${agent.status}, router has ${rt.status}`);
      }
      if (agent.held !== rt.engaged) {
        problems.push(`agent ${agent.id}: sim sees ${agent.held} slots held, router ${rt.engaged}`);
      }
      if (agent.held > agent.capacity) {
        problems.push(`agent ${agent.id}: ${agent.held} slots over capacity ${agent.capacity}`);
      }
      if (agent.held !== agent.slotCount) {
        problems.push(`agent ${agent.id}: ${agent.held} slots held but ${agent.slotCount} kept`);
      }
    }
    if (problems.length > 0) this.fail(problems);
  }

  /** Called before the simulator counts an offer: the agent must be able to take it. */
  offered(agent: AgentMind, conversationId: string): void {
    if (agent.status !== 'Available') {
      this.fail([`offer of ${conversationId} to ${agent.id} while ${agent.status}`]);
    }
    if (agent.held >= agent.capacity) {
      this.fail([
        `offer of ${conversationId} to ${agent.id} holding ${agent.held} of ${agent.capacity}`,
      ]);
    }
  }

  stateChanged(agent: AgentMind, record: AgentStateRecord): void {
    if (record.status === 'LoggedOut' && agent.held > 0) {
      this.fail([`${agent.id} logged out holding ${agent.held} slots`]);
    }
  }

  refused(command: Command, error: RouterError): never {
    this.fail([`router refused ${command.type}: ${error.code} ${error.message}`]);
  }
}
