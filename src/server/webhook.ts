import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AssetStatus, CustomerMessage, RouterError } from '../core/index.js';
import { ServerError, ServerErrorCode } from './errors.js';
import { readBody, sendJson, sendText } from './httpIo.js';
import type { MessageIds } from './messageIds.js';
import type { ServerMetrics } from './metrics.js';
import { opaqueMessageId } from './opaqueMessageId.js';
import type { RequestTarget } from './requestTarget.js';
import type { Sequencer } from './sequencer.js';
import { verifySignature } from './signature.js';
import { parseWebhook } from './webhookPayload.js';

export interface WebhookDeps {
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly bodyLimit: number;
  readonly sequencer: Sequencer;
  /** Is this phone_number_id in the tenant, and not deleted? (the router's query) */
  readonly assetStatus: (assetId: string) => AssetStatus;
  readonly messageIds: MessageIds;
  readonly metrics: ServerMetrics;
}

/** The 200 body of `POST /webhook`. */
export interface WebhookAck {
  readonly received: number;
  readonly duplicates: number;
  readonly statuses: number;
  /** Messages the router refused although the payload was valid (an asset deleted meanwhile). */
  readonly refused: { messageId: string; code: string; message: string }[];
}

function sameSecret(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

/**
 * `GET /webhook`: the subscription handshake. Answers `hub.challenge` as text when `hub.mode` is
 * `subscribe` and `hub.verify_token` is ours.
 */
export function verifyHandshake(url: RequestTarget, res: ServerResponse, deps: WebhookDeps): void {
  const mode = url.searchParams.get('hub.mode');
  const token = url.searchParams.get('hub.verify_token');
  const challenge = url.searchParams.get('hub.challenge');
  if (mode !== 'subscribe' || token === null || challenge === null) {
    throw new ServerError(
      ServerErrorCode.verifyRequestInvalid,
      'expected hub.mode=subscribe, hub.verify_token and hub.challenge',
    );
  }
  if (!sameSecret(token, deps.verifyToken)) {
    throw new ServerError(ServerErrorCode.verifyTokenMismatch, 'hub.verify_token does not match');
  }
  sendText(res, 200, challenge, 'text/plain; charset=utf-8');
}

type Outcome = 'ok' | 'duplicate' | { readonly refused: RouterError };

/**
 * `POST /webhook`: checks size, signature (of the raw body), JSON and shape, then journals one
 * `customer.message` per message and answers 200 only once all of them are on disk. A message id
 * seen before is not delivered again (WhatsApp retries); a retry that races the original waits
 * for the original's commit.
 */
export async function receiveWebhook(
  req: IncomingMessage,
  res: ServerResponse,
  deps: WebhookDeps,
): Promise<void> {
  const body = await readBody(req, deps.bodyLimit);
  const signature = verifySignature(deps.appSecret, body, req.headers['x-hub-signature-256']);
  if (signature === 'missing') {
    throw new ServerError(ServerErrorCode.signatureMissing, 'X-Hub-Signature-256 header missing');
  }
  if (signature === 'invalid') {
    throw new ServerError(
      ServerErrorCode.signatureInvalid,
      'X-Hub-Signature-256 does not match the body',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ServerError(ServerErrorCode.invalidJson, 'the body is not valid JSON');
  }
  const { messages, statuses } = parseWebhook(json);
  for (const message of messages) {
    const status = deps.assetStatus(message.assetId);
    if (status === 'unknown') {
      throw new ServerError(
        ServerErrorCode.unknownAsset,
        `unknown phone_number_id "${message.assetId}"`,
      );
    }
    if (status === 'deleted') {
      throw new ServerError(
        ServerErrorCode.assetDeleted,
        `phone_number_id "${message.assetId}" was deleted`,
      );
    }
  }
  const outcomes = await Promise.all(messages.map((m) => submit(m, deps)));
  const ack: WebhookAck = {
    received: outcomes.filter((o) => o === 'ok').length,
    duplicates: outcomes.filter((o) => o === 'duplicate').length,
    statuses,
    refused: [],
  };
  outcomes.forEach((o, i) => {
    if (typeof o === 'object') {
      ack.refused.push({ messageId: messages[i]!.messageId, ...o.refused });
      deps.metrics.errors.inc({ code: o.refused.code });
    }
  });
  if (ack.duplicates > 0) deps.metrics.messagesDuplicate.inc(ack.duplicates);
  sendJson(res, 200, ack);
}

function submit(message: CustomerMessage, deps: WebhookDeps): Promise<Outcome> {
  // The router, the journal and every agent see the opaque id only: WhatsApp's carries the
  // customer's number (docs/protocol.md, "Message ids").
  const id = opaqueMessageId(deps.appSecret, message.messageId);
  const prior = deps.messageIds.get(id);
  if (prior === true) return Promise.resolve('duplicate');
  if (prior) return prior.then(() => 'duplicate' as const);
  const applied = deps.sequencer.submitAsync({ ...message, messageId: id });
  deps.messageIds.add(id, applied);
  return applied.then((a) => (a.result.ok ? 'ok' : { refused: a.result.error }));
}
