import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CustomerMessage, type RouterError, RouterErrorCode } from '../core/index.js';
import type { BodyBudget } from './bodyBudget.js';
import type { DuplicateFilter } from './duplicateFilter.js';
import { ServerError, ServerErrorCode } from './errors.js';
import { readBody, sendJson, sendText } from './httpIo.js';
import type { LoadShedder } from './loadShedder.js';
import type { ServerMetrics } from './metrics.js';
import { opaqueMessageId } from './opaqueMessageId.js';
import type { RequestTarget } from './requestTarget.js';
import type { Applied, Sequencer } from './sequencer.js';
import { claimedSignature } from './signature.js';
import { parseWebhook } from './webhookPayload.js';

export interface WebhookDeps {
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly bodyLimit: number;
  readonly bodyBudget: BodyBudget;
  readonly bodyIdleTimeoutMs: number;
  readonly shedder: LoadShedder;
  /** Characters of a text kept; longer ones are cut (`limitText`). */
  readonly maxTextChars: number;
  readonly queueFullRetryAfterSeconds: number;
  readonly sequencer: Sequencer;
  /** Why the router would refuse this customer's message now, if it would (its query). */
  readonly admission: (assetId: string, customerId: string) => RouterError | undefined;
  readonly duplicates: DuplicateFilter;
  /** The server clock, for the duplicate filter's window. */
  readonly now: () => number;
  readonly metrics: ServerMetrics;
}

/** The 200 body of `POST /webhook`. */
export interface WebhookAck {
  readonly received: number;
  readonly duplicates: number;
  readonly statuses: number;
  /** Texts cut to the character limit (docs/protocol.md, "Limits"). */
  readonly truncated: number;
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
  // Cheapest first, before a byte of the body is read: the load, then the header's form.
  const shed = deps.shedder.refusal('webhook');
  if (shed) {
    deps.metrics.shed.inc({ kind: 'webhook' });
    throw shed;
  }
  const claimed = claimedSignature(req.headers['x-hub-signature-256']);
  if (claimed === 'missing') {
    throw new ServerError(ServerErrorCode.signatureMissing, 'X-Hub-Signature-256 header missing');
  }
  const mismatch = () =>
    new ServerError(
      ServerErrorCode.signatureInvalid,
      'X-Hub-Signature-256 does not match the body',
    );
  if (claimed === 'invalid') throw mismatch();
  // The signature is computed as the body streams in (the raw bytes, never a re-serialised body).
  const hmac = createHmac('sha256', deps.appSecret);
  const body = await readBody(req, deps.bodyLimit, {
    budget: deps.bodyBudget,
    idleTimeoutMs: deps.bodyIdleTimeoutMs,
    onData: (chunk) => hmac.update(chunk),
  });
  if (!timingSafeEqual(hmac.digest(), claimed)) throw mismatch();
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ServerError(ServerErrorCode.invalidJson, 'the body is not valid JSON');
  }
  const { messages, statuses, truncated } = parseWebhook(json, deps.maxTextChars);
  for (const message of messages) {
    const refused = deps.admission(message.assetId, message.customer.id);
    if (refused) throw admissionError(refused, message.assetId, deps);
  }
  if (truncated > 0) deps.metrics.messagesTruncated.inc(truncated);
  const outcomes = await Promise.all(messages.map((m) => submit(m, deps)));
  const ack: WebhookAck = {
    received: outcomes.filter((o) => o === 'ok').length,
    duplicates: outcomes.filter((o) => o === 'duplicate').length,
    statuses,
    truncated,
    refused: [],
  };
  let full: RouterError | null = null;
  outcomes.forEach((o, i) => {
    if (typeof o === 'object') {
      deps.metrics.errors.inc({ code: o.refused.code });
      // Full since the check (others' messages in the same batch): WhatsApp retries the payload,
      // the messages taken are duplicates then, this one gets another chance.
      if (o.refused.code === RouterErrorCode.queueFull) full = o.refused;
      else ack.refused.push({ messageId: messages[i]!.messageId, ...o.refused });
    }
  });
  if (full !== null) throw admissionError(full, '', deps);
  if (ack.duplicates > 0) deps.metrics.messagesDuplicate.inc(ack.duplicates);
  sendJson(res, 200, ack);
}

/** A refusal of the router's admission check as the webhook's answer: nothing was taken in. */
function admissionError(refused: RouterError, assetId: string, deps: WebhookDeps): ServerError {
  switch (refused.code) {
    case RouterErrorCode.unknownAsset:
      return new ServerError(ServerErrorCode.unknownAsset, `unknown phone_number_id "${assetId}"`);
    case RouterErrorCode.assetDeleted:
      return new ServerError(
        ServerErrorCode.assetDeleted,
        `phone_number_id "${assetId}" was deleted`,
      );
    case RouterErrorCode.queueFull:
      return new ServerError(
        ServerErrorCode.queueFull,
        refused.message,
        deps.queueFullRetryAfterSeconds,
      );
    default:
      return new ServerError(ServerErrorCode.internal, 'unexpected admission refusal');
  }
}

function submit(message: CustomerMessage, deps: WebhookDeps): Promise<Outcome> {
  // The router, the journal and every agent see the opaque id only: WhatsApp's carries the
  // customer's number (docs/protocol.md, "Message ids").
  const wamid = message.messageId;
  const prior = deps.duplicates.seen(wamid, deps.now());
  if (prior === true) return Promise.resolve('duplicate');
  // A retry racing the original gets the original's outcome: taken (a duplicate) or refused.
  if (prior !== false) {
    return (prior as Promise<Applied>).then(
      (a): Outcome => (a.result.ok ? 'duplicate' : { refused: a.result.error }),
    );
  }
  const applied = deps.sequencer.submitAsync(
    { ...message, messageId: opaqueMessageId(deps.appSecret, wamid) },
    wamid,
  );
  deps.duplicates.track(wamid, applied, (a) => (a.result.ok ? a.now : null));
  return applied.then((a): Outcome => (a.result.ok ? 'ok' : { refused: a.result.error }));
}
