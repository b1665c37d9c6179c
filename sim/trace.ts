import type { CustomerIdentity } from '../src/core/index.js';
import type { SecretSpan } from './identities.js';

/**
 * The customer side of a simulated run, event by event: what a load test replays against a live
 * deployment. `arrival` numbers the conversations of the replication in arrival order; times are
 * milliseconds from the start of the horizon.
 */
export type CustomerTraceEvent =
  | {
      readonly type: 'message';
      readonly at: number;
      readonly arrival: number;
      readonly assetId: string;
      readonly customer: CustomerIdentity;
      readonly messageId: string;
      readonly text: string;
      /** Planted secrets in `text` (ground truth for leak checks). */
      readonly secrets: readonly SecretSpan[];
      /** 1 for the message that opens the conversation. */
      readonly seq: number;
    }
  | {
      readonly type: 'abandon';
      readonly at: number;
      readonly arrival: number;
      readonly assetId: string;
      readonly customerId: string;
    };
