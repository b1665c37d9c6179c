import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { BodyBudget } from './bodyBudget.js';
import { errorBody, ServerError, ServerErrorCode } from './errors.js';

export interface BodyReading {
  /** Shared cap on the bytes of all bodies being read; over it: 503 OVERLOADED at once. */
  readonly budget?: BodyBudget;
  /** A body that sends nothing for this long is 408 REQUEST_TIMEOUT (the connection closes). */
  readonly idleTimeoutMs?: number;
  /** Sees each chunk as it arrives (a streaming signature check). */
  readonly onData?: (chunk: Buffer) => void;
  /** Keep nothing (a body nobody needs): only the limits apply. */
  readonly discard?: boolean;
}

const overBudget = (budget: BodyBudget) =>
  new ServerError(
    ServerErrorCode.overloaded,
    `request bodies being read exceed ${budget.limitBytes} bytes; retry later`,
    1,
  );

/**
 * Reads a request body up to `limit` bytes. Over the limit (by Content-Length or while reading)
 * it throws BODY_TOO_LARGE without buffering the rest; over the shared budget, OVERLOADED; when
 * the client stalls longer than the idle timeout, REQUEST_TIMEOUT. The budget is given back when
 * the body is read (or fails).
 */
export function readBody(
  req: IncomingMessage,
  limit: number,
  reading: BodyReading = {},
): Promise<Buffer> {
  const tooLarge = () =>
    new ServerError(ServerErrorCode.bodyTooLarge, `request body exceeds ${limit} bytes`);
  const declared = Number(req.headers['content-length']);
  const known = Number.isFinite(declared) && declared >= 0;
  if (known && declared > limit) return Promise.reject(tooLarge());
  const { budget } = reading;
  // A declared length is reserved whole, up front: the budget says no before a byte is read.
  let reserved = 0;
  if (budget && known && declared > 0) {
    if (!budget.reserve(declared)) return Promise.reject(overBudget(budget));
    reserved = declared;
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (err: Error | null, body?: Buffer) => {
      if (settled) return;
      settled = true;
      if (reading.idleTimeoutMs !== undefined) req.setTimeout(0);
      if (budget && reserved > 0) budget.release(reserved);
      if (err) reject(err);
      else resolve(body!);
    };
    if (reading.idleTimeoutMs !== undefined) {
      // The 408 goes out with `connection: close` (the body is incomplete), which ends it.
      req.setTimeout(reading.idleTimeoutMs, () =>
        finish(new ServerError(ServerErrorCode.requestTimeout, 'the request body stalled')),
      );
    }
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) return finish(tooLarge());
      if (budget && size > reserved) {
        if (!budget.reserve(size - reserved)) return finish(overBudget(budget));
        reserved = size;
      }
      reading.onData?.(chunk);
      if (!reading.discard) chunks.push(chunk);
    });
    req.on('end', () =>
      finish(null, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)),
    );
    req.on('error', (err) => finish(err));
  });
}

/**
 * Reads and drops a body nobody needs (a GET with a body, a wrong method). Answering before the
 * body is read would make Node drop the keep-alive connection under the client's next request.
 */
export function discardBody(req: IncomingMessage, limit: number): Promise<void> {
  if (req.readableEnded) return Promise.resolve();
  return readBody(req, limit, { discard: true }).then(() => undefined);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendText(res, status, JSON.stringify(body), 'application/json', headers);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Every HTTP error body: `{ "error": { "code", "message" } }`. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendText(res, status, errorBody(code, message), 'application/json', headers);
}

export function sendServerError(res: ServerResponse, err: ServerError): void {
  const headers: Record<string, string> = {};
  // Answered before its body was read (or over its size): the rest of the body must not be
  // parsed as the next request, so the connection ends with this answer.
  if (err.code === ServerErrorCode.bodyTooLarge || res.req?.complete === false) {
    headers.connection = 'close';
  }
  if (err.retryAfterSeconds !== undefined) headers['retry-after'] = String(err.retryAfterSeconds);
  sendError(res, err.status, err.code, err.message, headers);
}

/** A whole HTTP error response as bytes, for sockets outside a request (bad HTTP, upgrades). */
export function rawErrorResponse(err: ServerError): string {
  const body = errorBody(err.code, err.message);
  return (
    `HTTP/1.1 ${err.status} ${STATUS_CODES[err.status]}\r\n` +
    `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
    `connection: close\r\n\r\n${body}`
  );
}
