import { RouterErrorCode } from '../core/index.js';

/**
 * Every way the server turns input down, with a fixed machine-readable code and its wire-level
 * code: an HTTP status for HTTP requests, and for the agent WebSocket either an error frame
 * (`close: null`) or a close code. One table, so that docs/protocol.md, the server and the tests
 * agree (as websockets/ws does with its WS_ERR_* codes).
 */
export const ServerErrorCode = {
  notFound: 'NOT_FOUND',
  methodNotAllowed: 'METHOD_NOT_ALLOWED',
  bodyTooLarge: 'BODY_TOO_LARGE',
  invalidJson: 'INVALID_JSON',
  invalidPayload: 'INVALID_PAYLOAD',
  invalidQuery: 'INVALID_QUERY',
  signatureMissing: 'SIGNATURE_MISSING',
  signatureInvalid: 'SIGNATURE_INVALID',
  verifyRequestInvalid: 'VERIFY_REQUEST_INVALID',
  verifyTokenMismatch: 'VERIFY_TOKEN_MISMATCH',
  unknownAsset: 'UNKNOWN_ASSET',
  assetDeleted: 'ASSET_DELETED',
  adminUnauthorized: 'ADMIN_UNAUTHORIZED',
  noOpenConversation: 'NO_OPEN_CONVERSATION',
  serverBusy: 'SERVER_BUSY',
  queueFull: 'QUEUE_FULL',
  overloaded: 'OVERLOADED',
  tooManyConnections: 'TOO_MANY_CONNECTIONS',
  shuttingDown: 'SHUTTING_DOWN',
  journalUnavailable: 'JOURNAL_UNAVAILABLE',
  malformedRequest: 'MALFORMED_REQUEST',
  invalidRequestTarget: 'INVALID_REQUEST_TARGET',
  headersTooLarge: 'HEADERS_TOO_LARGE',
  requestTimeout: 'REQUEST_TIMEOUT',
  internal: 'INTERNAL',
  dbTenantMismatch: 'DB_TENANT_MISMATCH',
  dbSchemaMismatch: 'DB_SCHEMA_MISMATCH',
  dbSnapshotInvalid: 'DB_SNAPSHOT_INVALID',
  secretsFileUnsafe: 'SECRETS_FILE_UNSAFE',
  secretsFileInvalid: 'SECRETS_FILE_INVALID',
  wsHandshakeInvalid: 'WS_HANDSHAKE_INVALID',
  wsAuthRequired: 'WS_AUTH_REQUIRED',
  wsAuthFailed: 'WS_AUTH_FAILED',
  wsAuthTimeout: 'WS_AUTH_TIMEOUT',
  wsTooManySockets: 'WS_TOO_MANY_SOCKETS',
  wsAlreadyAuthenticated: 'WS_ALREADY_AUTHENTICATED',
  wsInvalidJson: 'WS_INVALID_JSON',
  wsInvalidFrame: 'WS_INVALID_FRAME',
  wsUnknownType: 'WS_UNKNOWN_TYPE',
  wsBinaryFrame: 'WS_BINARY_FRAME',
  wsAgentMismatch: 'WS_AGENT_MISMATCH',
  wsFrameTooLarge: 'WS_FRAME_TOO_LARGE',
  wsInvalidUtf8: 'WS_INVALID_UTF8',
  wsSlowConsumer: 'WS_SLOW_CONSUMER',
  wsResponseTooLarge: 'WS_RESPONSE_TOO_LARGE',
  wsEventTooLarge: 'WS_EVENT_TOO_LARGE',
  wsShuttingDown: 'WS_SHUTTING_DOWN',
} as const;

export type ServerErrorCode = (typeof ServerErrorCode)[keyof typeof ServerErrorCode];

export interface WireCodes {
  /** HTTP status when the error answers an HTTP request. */
  readonly status: number;
  /** WebSocket close code, or null when the socket stays open and gets an error frame. */
  readonly close: number | null;
}

const C = ServerErrorCode;

export const WIRE_CODES: Readonly<Record<ServerErrorCode, WireCodes>> = {
  [C.notFound]: { status: 404, close: null },
  [C.methodNotAllowed]: { status: 405, close: null },
  [C.bodyTooLarge]: { status: 413, close: null },
  [C.invalidJson]: { status: 400, close: null },
  [C.invalidPayload]: { status: 422, close: null },
  [C.invalidQuery]: { status: 400, close: null },
  [C.signatureMissing]: { status: 401, close: null },
  [C.signatureInvalid]: { status: 401, close: null },
  [C.verifyRequestInvalid]: { status: 400, close: null },
  [C.verifyTokenMismatch]: { status: 403, close: null },
  [C.unknownAsset]: { status: 404, close: null },
  [C.assetDeleted]: { status: 410, close: null },
  [C.adminUnauthorized]: { status: 401, close: null },
  [C.noOpenConversation]: { status: 404, close: null },
  [C.serverBusy]: { status: 503, close: null },
  [C.queueFull]: { status: 503, close: null },
  [C.overloaded]: { status: 503, close: null },
  [C.tooManyConnections]: { status: 503, close: null },
  [C.shuttingDown]: { status: 503, close: null },
  [C.journalUnavailable]: { status: 503, close: null },
  [C.malformedRequest]: { status: 400, close: null },
  [C.invalidRequestTarget]: { status: 400, close: null },
  [C.headersTooLarge]: { status: 431, close: null },
  [C.requestTimeout]: { status: 408, close: null },
  [C.internal]: { status: 500, close: null },
  [C.dbTenantMismatch]: { status: 500, close: null },
  [C.dbSchemaMismatch]: { status: 500, close: null },
  [C.dbSnapshotInvalid]: { status: 500, close: null },
  [C.secretsFileUnsafe]: { status: 500, close: null },
  [C.secretsFileInvalid]: { status: 500, close: null },
  [C.wsHandshakeInvalid]: { status: 400, close: null },
  [C.wsAuthRequired]: { status: 400, close: 1008 },
  [C.wsAuthFailed]: { status: 401, close: 1008 },
  [C.wsAuthTimeout]: { status: 408, close: 1008 },
  [C.wsTooManySockets]: { status: 429, close: 1008 },
  [C.wsAlreadyAuthenticated]: { status: 400, close: null },
  [C.wsInvalidJson]: { status: 400, close: null },
  [C.wsInvalidFrame]: { status: 400, close: null },
  [C.wsUnknownType]: { status: 400, close: null },
  [C.wsBinaryFrame]: { status: 400, close: null },
  [C.wsAgentMismatch]: { status: 403, close: null },
  [C.wsFrameTooLarge]: { status: 413, close: 1009 },
  [C.wsInvalidUtf8]: { status: 400, close: 1007 },
  [C.wsSlowConsumer]: { status: 503, close: 1013 },
  [C.wsResponseTooLarge]: { status: 413, close: null },
  [C.wsEventTooLarge]: { status: 413, close: 1009 },
  [C.wsShuttingDown]: { status: 503, close: 1001 },
};

/** The error class of the server layer: a stable code, its wire codes, a human message. */
export class ServerError extends Error {
  readonly status: number;
  readonly close: number | null;

  constructor(
    readonly code: ServerErrorCode,
    message: string,
    /** Sent as `Retry-After` with a 503: when trying again makes sense. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ServerError';
    const wire = WIRE_CODES[code];
    this.status = wire.status;
    this.close = wire.close;
  }
}

/**
 * HTTP status for a router refusal that reaches an HTTP client (admin API, webhook races): the
 * router's code is passed through unchanged in the body.
 */
export function routerErrorStatus(code: string): number {
  switch (code) {
    case RouterErrorCode.invalidCommand:
      return 400;
    case RouterErrorCode.unknownAsset:
    case RouterErrorCode.unknownAgent:
    case RouterErrorCode.unknownQueue:
    case RouterErrorCode.unknownConversation:
      return 404;
    case RouterErrorCode.assetDeleted:
      return 410;
    case RouterErrorCode.queueFull:
      return 503;
    default:
      return 409;
  }
}

/** The body of every HTTP error: `{ "error": { "code", "message" } }`. */
export function errorBody(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/** Any thrown value as a ServerError; unknown errors become INTERNAL without leaking details. */
export function asServerError(err: unknown): ServerError {
  if (err instanceof ServerError) return err;
  return new ServerError(ServerErrorCode.internal, 'internal server error');
}
