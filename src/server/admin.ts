import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Router, RouterErrorCode } from '../core/index.js';
import { routerErrorStatus, ServerError, ServerErrorCode } from './errors.js';
import { sendError, sendJson } from './httpIo.js';
import type { Journal, OutboundStatus, RecordRow } from './journal.js';
import { decodePathSegment, type RequestTarget } from './requestTarget.js';
import type { Sequencer } from './sequencer.js';

export interface AdminDeps {
  readonly adminToken: string;
  readonly sequencer: Sequencer;
  readonly router: Router;
  readonly journal: Journal;
  /** Open agent sockets of an agent. */
  readonly socketsOf: (agentId: string) => number;
}

/** The load-test extension's path (docs/protocol.md, "Load-test extension"). */
export const ABANDON_PATH = '/admin/customers/abandon';

const OUTBOUND_STATUSES: readonly OutboundStatus[] = ['pending', 'sent', 'failed', 'held'];
const PAGE = 1000;

function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  const given = createHash('sha256').update(header.slice(7)).digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, expected);
}

function intParam(url: RequestTarget, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) > max) {
    throw new ServerError(
      ServerErrorCode.invalidQuery,
      `"${name}" must be an integer from 0 to ${max}`,
    );
  }
  return Number(raw);
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  sendError(res, 405, ServerErrorCode.methodNotAllowed, `use ${allow}`, { allow });
}

/** Ids in an admin command body: what a webhook would carry (phone_number_id, wa_id). */
const ID = /^[\x21-\x7e]{1,128}$/;

function abandonRequest(body: Buffer | null): { assetId: string; customerId: string } {
  let json: unknown;
  try {
    json = JSON.parse(body?.toString('utf8') ?? '');
  } catch {
    throw new ServerError(ServerErrorCode.invalidJson, 'the body is not valid JSON');
  }
  const fields = (json ?? {}) as { assetId?: unknown; customerId?: unknown };
  for (const name of ['assetId', 'customerId'] as const) {
    const value = fields[name];
    if (typeof json !== 'object' || typeof value !== 'string' || !ID.test(value)) {
      throw new ServerError(
        ServerErrorCode.invalidPayload,
        `"${name}" must be a string of 1 to 128 visible ASCII characters`,
      );
    }
  }
  return { assetId: fields.assetId as string, customerId: fields.customerId as string };
}

/**
 * Load-test extension (docs/protocol.md): the customer of `assetId` + `customerId` gives up
 * waiting. The WhatsApp Cloud API has no such signal; the load replayer sends this where the
 * simulated customer abandoned. The customer's open conversation is looked up in order with the
 * commands before it; unless it was answered already, `customer.abandon` is journaled and applied
 * like any command (the router refuses it if an agent answered in between).
 */
async function abandonCustomer(res: ServerResponse, deps: AdminDeps, body: Buffer | null) {
  const { assetId, customerId } = abandonRequest(body);
  const { sequencer, router } = deps;
  if (router.assetStatus(assetId) === 'unknown') {
    throw new ServerError(ServerErrorCode.unknownAsset, `unknown asset "${assetId}"`);
  }
  const open = await sequencer.readAsync(() => router.openConversationOf(assetId, customerId));
  const none = () =>
    new ServerError(
      ServerErrorCode.noOpenConversation,
      `customer "${customerId}" has no open conversation on asset "${assetId}"`,
    );
  if (open === undefined) throw none();
  const { conversationId } = open;
  // Patience runs until the first answer (as in the simulator): a customer whom an agent
  // answered does not give up while a transfer waits in a queue.
  if (open.answeredAt !== null) {
    return sendError(
      res,
      routerErrorStatus(RouterErrorCode.notWaiting),
      RouterErrorCode.notWaiting,
      `conversation "${conversationId}" was answered already; an answered customer does not abandon`,
    );
  }
  const applied = await sequencer.submitAsync({ type: 'customer.abandon', conversationId });
  if (!applied.result.ok) {
    const { code, message } = applied.result.error;
    // Gone between the lookup and the command: it ended meanwhile.
    if (code === RouterErrorCode.unknownConversation) throw none();
    return sendError(res, routerErrorStatus(code), code, message);
  }
  sendJson(res, 200, { assetId, customerId, conversationId, abandoned: true, at: applied.now });
}

/**
 * The admin API under `/admin/`, behind a bearer token: delete an asset (SPEC R8), open
 * conversations, finished records (JSON, NDJSON), agent states, the outbound log, and the
 * router's state snapshot; for load tests, a customer's abandon. Reads go through the sequencer,
 * so they see every command answered before them. `body` is the request's (POST only).
 */
export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  url: RequestTarget,
  deps: AdminDeps,
  body: Buffer | null = null,
): Promise<void> {
  if (!authorized(req, deps.adminToken)) {
    throw new ServerError(
      ServerErrorCode.adminUnauthorized,
      'the admin API needs "Authorization: Bearer <admin token>"',
    );
  }
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const { sequencer, router, journal } = deps;

  const asset = /^\/admin\/assets\/([^/]+)$/.exec(path);
  if (asset) {
    if (method !== 'DELETE') return methodNotAllowed(res, 'DELETE');
    const assetId = decodePathSegment(asset[1]!);
    const applied = await sequencer.submitAsync({ type: 'admin.deleteAsset', assetId });
    if (!applied.result.ok) {
      const { code, message } = applied.result.error;
      return sendError(res, routerErrorStatus(code), code, message);
    }
    return sendJson(res, 200, { assetId, deleted: true, at: applied.now });
  }

  if (path === ABANDON_PATH) {
    if (method !== 'POST') return methodNotAllowed(res, 'POST');
    return abandonCustomer(res, deps, body);
  }

  const reads: Record<string, () => Promise<void>> = {
    '/admin/conversations': async () => {
      const withMessages = url.searchParams.get('messages') === 'true';
      const conversations = await sequencer.readAsync(() =>
        router.conversationOverviews(withMessages),
      );
      sendJson(res, 200, { conversations });
    },
    '/admin/records': async () => {
      const offset = intParam(url, 'offset', 0, 1e9);
      const limit = intParam(url, 'limit', 10_000, 100_000);
      const [rows, total] = await sequencer.readAsync(
        () => [journal.records(offset, limit), journal.recordCount()] as const,
      );
      const body = `{"total":${total},"offset":${offset},"records":[${rows.join(',')}]}`;
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    },
    '/admin/records.ndjson': async () => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      // Paged, because a SQLite cursor must not stay open across the awaits of a slow reader;
      // by position, not offset, so that retention pruning meanwhile skips nothing.
      let after: readonly [number, string] | null = null;
      for (;;) {
        const position: readonly [number, string] | null = after;
        const rows: RecordRow[] = await sequencer.readAsync(() =>
          journal.recordsAfter(position, PAGE),
        );
        if (rows.length === 0) break;
        if (!res.write(`${rows.map((r) => r.record).join('\n')}\n`)) {
          await new Promise<void>((resolve) => res.once('drain', resolve));
        }
        if (rows.length < PAGE) break;
        const last = rows[rows.length - 1]!;
        after = [last.seq, last.id];
      }
      res.end();
    },
    '/admin/agents': async () => {
      const agents = await sequencer.readAsync((now) =>
        router.agentOverviews().map((a) => ({ ...a, sockets: deps.socketsOf(a.agentId), now })),
      );
      sendJson(res, 200, { agents });
    },
    '/admin/agent-states': async () => {
      const offset = intParam(url, 'offset', 0, 1e9);
      const limit = intParam(url, 'limit', 10_000, 100_000);
      const rows = await sequencer.readAsync(() => journal.agentStates(offset, limit));
      const body = `{"offset":${offset},"states":[${rows.join(',')}]}`;
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    },
    '/admin/outbound': async () => {
      const status = url.searchParams.get('status');
      if (status !== null && !OUTBOUND_STATUSES.includes(status as OutboundStatus)) {
        throw new ServerError(
          ServerErrorCode.invalidQuery,
          `"status" must be one of ${OUTBOUND_STATUSES.join(', ')}`,
        );
      }
      const limit = intParam(url, 'limit', 100, 100_000);
      const [counts, messages] = await sequencer.readAsync(
        () =>
          [
            journal.outboundCounts(),
            journal.outbound((status ?? undefined) as OutboundStatus | undefined, limit),
          ] as const,
      );
      sendJson(res, 200, { counts, messages });
    },
    '/admin/snapshot': async () => {
      const state = await sequencer.readAsync(() => router.snapshot());
      sendJson(res, 200, state);
    },
  };
  const read = reads[path];
  if (!read) throw new ServerError(ServerErrorCode.notFound, `no admin endpoint ${path}`);
  if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(res, 'GET');
  await read();
}
