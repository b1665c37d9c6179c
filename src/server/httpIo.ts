import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { errorBody, ServerError, ServerErrorCode } from './errors.js';

/**
 * Reads a request body up to `limit` bytes. Over the limit (by Content-Length or while reading)
 * it throws BODY_TOO_LARGE without buffering the rest.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () =>
    new ServerError(ServerErrorCode.bodyTooLarge, `request body exceeds ${limit} bytes`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.on('error', (err) => {
      if (!failed) {
        failed = true;
        reject(err);
      }
    });
  });
}

/**
 * Reads and drops a body nobody needs (a GET with a body, a wrong method). Answering before the
 * body is read would make Node drop the keep-alive connection under the client's next request.
 */
export function discardBody(req: IncomingMessage, limit: number): Promise<void> {
  if (req.readableEnded) return Promise.resolve();
  return readBody(req, limit).then(() => undefined);
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
  // The unread rest of an oversize body must not be parsed as the next request.
  if (err.code === ServerErrorCode.bodyTooLarge) headers.connection = 'close';
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
