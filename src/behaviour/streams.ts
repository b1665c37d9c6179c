import {
  createRandom,
  fmix32,
  type Random,
  reseedableXoshiro128,
  xoshiro128FromState,
} from '../scenario/random.js';
import type { AgentStreams } from './agentMind.js';

/**
 * The random streams of agents and conversations, seeded the same way by every shell (the
 * simulator, the load replayer) from the replication's seed, so that both draw the same numbers
 * for the same decisions and a comparison of the two compares like with like.
 *
 * - An agent's decisions about a conversation (miss or accept an offer and when, the wrap-up time
 *   and reason) come from a short stream keyed by the conversation and the offer's number in it
 *   (`DecisionStreams`): not from the agent's stream in event order, because in real time the
 *   load replayer sees one agent's events of different conversations interleaved otherwise than
 *   the simulator does; and not keyed by the agent, so that the router offering the conversation
 *   to another agent (a tie of two agents broken by real-time noise) changes no draw. The agent's own streams (`agent:<id>:offers`,
 *   `:wrap-ups`, `:rona`) serve what is not about a conversation (RONA) and conversations without
 *   keys (a load test's conversation that is not one of its trace's).
 * - A conversation has streams keyed by its customer's arrival index, not drawn in arrival
 *   order: the customer's (patience, messages, texts, think times; only the simulator runs
 *   customers), the customer's re-contact decision, and its handling's (the first owner's plan, handle, reply and close times, reply
 *   texts). A replayer computes the handling stream of any arrival directly, and neither stream
 *   depends on when the other is drawn from.
 */
export function agentStreams(seed: number, agentId: string): AgentStreams {
  return {
    offers: createRandom(seed, `agent:${agentId}:offers`),
    wrapUps: createRandom(seed, `agent:${agentId}:wrap-ups`),
    rona: createRandom(seed, `agent:${agentId}:rona`),
  };
}

const CUSTOMER = 1;
const HANDLING = 2;
const RECONTACT = 3;
const OFFER = 4;
const WRAP_UP = 5;

/**
 * The keyed streams of one conversation's agent decisions. `offer(n)`: the conversation's offer
 * number `n` (0-based, in the order its offers came, to whichever agent); `wrapUp(n)`: the
 * wrap-up of the slot that offer opened. The returned stream is valid until the next call on any
 * conversation's streams (one generator is reseeded per call): draw what the decision needs at
 * once.
 */
export interface DecisionStreams {
  offer(n: number): Random;
  wrapUp(n: number): Random;
}

/**
 * One conversation's `DecisionStreams`: an object literal with shared functions as its methods,
 * as random.ts makes its generators and for the same reason (one per conversation, pretenured
 * by V8 in a large center).
 */
interface KeyedDecisions extends DecisionStreams {
  readonly streams: ConversationStreams;
  readonly arrival: number;
  readonly seq: number;
}

function offerStream(this: KeyedDecisions, n: number): Random {
  return this.streams.decision(this.arrival, this.seq, OFFER, n);
}

function wrapUpStream(this: KeyedDecisions, n: number): Random {
  return this.streams.decision(this.arrival, this.seq, WRAP_UP, n);
}

export class ConversationStreams {
  /** The salt of the customers' phone numbers (sim: customerIdentity). */
  readonly salt: number;
  private readonly k0: number;
  private readonly k1: number;
  private readonly k2: number;
  private readonly k3: number;
  private readonly scratch = reseedableXoshiro128();

  constructor(seed: number) {
    const root = createRandom(seed, 'conversations');
    this.salt = root.uint32();
    this.k0 = root.uint32();
    this.k1 = root.uint32();
    this.k2 = root.uint32();
    this.k3 = root.uint32();
  }

  /** The customer's stream of arrival `arrival`. */
  customer(arrival: number): Random {
    return this.keyed(arrival, CUSTOMER, 0);
  }

  /**
   * Whether the customer of arrival `arrival` writes again after its conversation, and when
   * (`recontactDelay`): a stream of its own, so that scenarios without re-contacts draw nothing
   * new and the other streams are the same with and without them.
   */
  recontact(arrival: number): Random {
    return this.keyed(arrival, RECONTACT, 0);
  }

  /**
   * The handling stream of the conversation arrival `arrival` opened with its message `seq` (1:
   * the customer's first; a later one when a message of theirs opened another conversation).
   */
  handling(arrival: number, seq = 1): Random {
    return this.keyed(arrival, HANDLING, seq);
  }

  /** The agents' decision streams of the conversation `handling(arrival, seq)` belongs to. */
  decisions(arrival: number, seq = 1): DecisionStreams {
    const keyed: KeyedDecisions = {
      streams: this,
      arrival,
      seq,
      offer: offerStream,
      wrapUp: wrapUpStream,
    };
    return keyed;
  }

  /**
   * One decision's stream: the shared generator reseeded from (arrival, seq, purpose, n) the way
   * `keyed` seeds, with the offer's number mixed into the first word.
   */
  decision(arrival: number, seq: number, purpose: number, n: number): Random {
    const a = fmix32(
      fmix32(
        Math.imul(arrival | 0, 0x9e3779b1) ^
          Math.imul(Math.floor(arrival / 4294967296) | 0, 0xc2b2ae3d) ^
          Math.imul(purpose, 0x85ebca77) ^
          seq,
      ) ^ Math.imul(n + 1, 0x165667b1),
    );
    const b = fmix32(a + 0x6a09e667);
    const c = fmix32(b + 0x3c6ef372);
    const d = fmix32(c + 0xa54ff53a);
    const rng = this.scratch;
    rng.reseed(this.k0 ^ a, this.k1 ^ b, this.k2 ^ c, this.k3 ^ d);
    return rng;
  }

  /**
   * The state: four words of a murmur3-finaliser chain over (arrival, purpose, seq), each XORed
   * with a word of the seed's key. The finaliser spreads every input bit over its output, so
   * neighbouring arrivals get unrelated states (and the generator's nonlinear output scrambler
   * does the rest from the first draw); the test suite checks first draws are uniform and
   * uncorrelated across arrivals.
   */
  private keyed(arrival: number, purpose: number, seq: number): Random {
    const a = fmix32(
      Math.imul(arrival | 0, 0x9e3779b1) ^
        Math.imul(Math.floor(arrival / 4294967296) | 0, 0xc2b2ae3d) ^
        Math.imul(purpose, 0x85ebca77) ^
        seq,
    );
    const b = fmix32(a + 0x6a09e667);
    const c = fmix32(b + 0x3c6ef372);
    const d = fmix32(c + 0xa54ff53a);
    return xoshiro128FromState(this.k0 ^ a, this.k1 ^ b, this.k2 ^ c, this.k3 ^ d);
  }
}
