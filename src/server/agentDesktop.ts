import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import {
  type DesktopEvent,
  type DesktopSnapshot,
  type MessageView,
  type Router,
  RouterErrorCode,
} from '../core/index.js';
import type { AgentTokens } from './agentTokens.js';
import {
  type FrameId,
  frameIdOf,
  type ParsedFrame,
  parseFrame,
  type RequestOf,
  requestSchemas,
  toCommand,
} from './desktopFrames.js';
import { historyPage, pagedFrame } from './desktopPaging.js';
import { ServerError, ServerErrorCode } from './errors.js';
import { rawErrorResponse } from './httpIo.js';
import type { LoadShedder } from './loadShedder.js';
import type { ServerMetrics } from './metrics.js';
import type { Sequencer } from './sequencer.js';

export interface DesktopLimits {
  /** Largest frame accepted, in bytes (ws maxPayload); larger closes with 1009. Default 64 KiB. */
  readonly maxFrameBytes: number;
  /** Time to send the auth frame after connecting; then close 1008. Default 10 s. */
  readonly authTimeoutMs: number;
  /** Bytes queued to a socket beyond which it is closed with 1013. Default 8 MiB. */
  readonly maxBufferedBytes: number;
  /** Open sockets per agent; one more is closed with 1008. Default 8. */
  readonly maxSocketsPerAgent: number;
  /** WebSocket ping interval; a socket that has not answered the previous ping is dropped. 30 s. */
  readonly heartbeatMs: number;
  /**
   * Largest frame sent, in bytes (default 1 MiB). Desktop snapshots and accepted panes carry the
   * newest messages that fit (`olderMessages` counts the rest; `history` pages them).
   */
  readonly maxOutgoingFrameBytes: number;
}

interface Session {
  readonly ws: WebSocket;
  agentId: string | null;
  authTimer: NodeJS.Timeout | null;
  alive: boolean;
}

/** A frame the server sends in answer to a request (or `auth.ok`). */
interface ReplyFrame {
  readonly type: string;
  readonly id: FrameId;
  readonly request?: string | null;
  readonly [field: string]: unknown;
}

type Log = (level: 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

/** ws library error codes, mapped to the protocol's named codes. */
const WS_LIBRARY_CODES: Record<string, string> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: ServerErrorCode.wsFrameTooLarge,
  WS_ERR_INVALID_UTF8: ServerErrorCode.wsInvalidUtf8,
};

/**
 * The agent desktop over WebSocket (`/agent`). A connection authenticates with its first frame
 * (`{type:"auth", token}`) and gets its desktop snapshot; then request frames map 1:1 to router
 * commands (journaled through the sequencer) or to read-only queries, and the router's desktop
 * events for that agent are pushed as `{type:"event", event}` frames to every socket of the agent.
 */
export class AgentDesktop {
  private readonly wss: WebSocketServer;
  private readonly sessions = new Set<Session>();
  private readonly byAgent = new Map<string, Set<Session>>();

  constructor(
    private readonly sequencer: Sequencer,
    private readonly shedder: LoadShedder,
    private readonly router: Router,
    private readonly tokens: AgentTokens,
    private readonly limits: DesktopLimits,
    private readonly metrics: ServerMetrics,
    private readonly log: Log,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes });
    // Dead peers (a laptop lid closed) never send a close frame: find them by ping.
    this.heartbeat = setInterval(() => {
      for (const session of this.sessions) {
        if (!session.alive) {
          session.ws.terminate();
          this.forget(session);
          continue;
        }
        session.alive = false;
        session.ws.ping();
      }
    }, limits.heartbeatMs);
    this.heartbeat.unref();
  }

  private readonly heartbeat: NodeJS.Timeout;

  get connections(): number {
    return this.sessions.size;
  }

  /** Authenticated open sockets of one agent. */
  socketsOf(agentId: string): number {
    return this.byAgent.get(agentId)?.size ?? 0;
  }

  /** Takes an HTTP upgrade for `/agent`; anything else is answered 404 and dropped. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, accepting: boolean): void {
    const refusal = this.refusal(req, accepting);
    if (refusal) {
      this.metrics.errors.inc({ code: refusal.code });
      socket.end(rawErrorResponse(refusal));
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws));
  }

  /** Why an upgrade request is turned down, answered as JSON like every HTTP error. */
  private refusal(req: IncomingMessage, accepting: boolean): ServerError | null {
    if (!accepting)
      return new ServerError(ServerErrorCode.shuttingDown, 'the server is shutting down');
    if ((req.url ?? '').split('?')[0] !== '/agent') {
      return new ServerError(ServerErrorCode.notFound, 'the WebSocket endpoint is /agent');
    }
    const key = req.headers['sec-websocket-key'];
    const valid =
      req.method === 'GET' &&
      req.headers.upgrade?.toLowerCase() === 'websocket' &&
      typeof key === 'string' &&
      /^[+/0-9A-Za-z]{22}==$/.test(key.trim()) &&
      req.headers['sec-websocket-version'] === '13';
    return valid
      ? null
      : new ServerError(
          ServerErrorCode.wsHandshakeInvalid,
          'a WebSocket handshake needs GET, Upgrade: websocket, Sec-WebSocket-Key and version 13',
        );
  }

  /** Pushes a router event to every socket of the agent (called while applying a command). */
  deliver(agentId: string, event: DesktopEvent): void {
    const sockets = this.byAgent.get(agentId);
    if (!sockets || sockets.size === 0) return;
    const frame =
      event.type === 'conversation.accepted'
        ? pagedFrame(
            [event.pane],
            ([pane]) => ({ type: 'event', event: { ...event, pane } }),
            this.limits.maxOutgoingFrameBytes,
          )
        : this.fitting(JSON.stringify({ type: 'event', event }));
    for (const session of [...sockets]) {
      // An event cannot be left out (the desktop would be wrong): the socket goes, and the
      // reconnect's snapshot is paged.
      if (frame === null) this.close(session, ServerErrorCode.wsEventTooLarge);
      else this.sendRaw(session, frame);
    }
  }

  /** `text` when it is within the outgoing frame limit, else null. */
  private fitting(text: string): string | null {
    const max = this.limits.maxOutgoingFrameBytes;
    return text.length * 3 <= max || Buffer.byteLength(text) <= max ? text : null;
  }

  /** Closes every socket with 1001 (shutdown). */
  closeAll(): void {
    clearInterval(this.heartbeat);
    for (const session of this.sessions) this.close(session, ServerErrorCode.wsShuttingDown);
    this.wss.close();
  }

  private open(ws: WebSocket): void {
    const session: Session = { ws, agentId: null, authTimer: null, alive: true };
    this.sessions.add(session);
    session.authTimer = setTimeout(() => {
      if (session.agentId === null) this.close(session, ServerErrorCode.wsAuthTimeout);
    }, this.limits.authTimeoutMs);
    ws.on('pong', () => {
      session.alive = true;
    });
    ws.on('message', (data, isBinary) => this.onMessage(session, data, isBinary));
    ws.on('error', (err) => {
      const code = WS_LIBRARY_CODES[(err as { code?: string }).code ?? ''] ?? 'WS_PROTOCOL_ERROR';
      this.metrics.errors.inc({ code });
    });
    ws.on('close', () => this.forget(session));
  }

  private forget(session: Session): void {
    if (session.authTimer) clearTimeout(session.authTimer);
    this.sessions.delete(session);
    if (session.agentId !== null) {
      const sockets = this.byAgent.get(session.agentId);
      sockets?.delete(session);
      if (sockets?.size === 0) this.byAgent.delete(session.agentId);
    }
  }

  private onMessage(session: Session, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      if (session.agentId === null) this.close(session, ServerErrorCode.wsAuthRequired);
      else
        this.sendError(
          session,
          null,
          null,
          ServerErrorCode.wsBinaryFrame,
          'frames are JSON text, not binary',
        );
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      if (session.agentId === null) this.close(session, ServerErrorCode.wsAuthRequired);
      else this.sendError(session, null, null, ServerErrorCode.wsInvalidJson, 'invalid JSON');
      return;
    }
    if (session.agentId === null) {
      this.authenticate(session, json);
      return;
    }
    let frame: ParsedFrame;
    try {
      frame = parseFrame(json, session.agentId);
    } catch (err) {
      const e = err as ServerError;
      this.sendError(session, frameIdOf(json), requestTypeOf(json), e.code, e.message);
      return;
    }
    this.handle(session, session.agentId, frame);
  }

  private authenticate(session: Session, json: unknown): void {
    let frame: ParsedFrame;
    try {
      frame = parseFrame(json, null);
    } catch {
      this.close(session, ServerErrorCode.wsAuthRequired);
      return;
    }
    if (frame.type !== 'auth') {
      this.close(session, ServerErrorCode.wsAuthRequired);
      return;
    }
    const agentId = this.tokens.agentFor((frame.body as RequestOf<'auth'>).token);
    const identity = agentId === null ? undefined : this.router.agentIdentity(agentId);
    if (agentId === null || identity === undefined) {
      this.close(session, ServerErrorCode.wsAuthFailed);
      return;
    }
    const sockets = this.byAgent.get(agentId);
    if (sockets && sockets.size >= this.limits.maxSocketsPerAgent) {
      this.close(session, ServerErrorCode.wsTooManySockets);
      return;
    }
    if (session.authTimer) clearTimeout(session.authTimer);
    session.authTimer = null;
    // Later frames are handled as this agent right away; they queue behind this read, so the
    // snapshot and the event subscription happen before any of their commands apply.
    session.agentId = agentId;
    this.sequencer.read((now) => {
      if (session.ws.readyState !== WebSocket.OPEN) return;
      let set = this.byAgent.get(agentId);
      if (!set) {
        set = new Set();
        this.byAgent.set(agentId, set);
      }
      set.add(session);
      this.sendDesktop(session, now, (desktop) => ({
        type: 'auth.ok',
        id: frame.id,
        agentId,
        agentName: identity.name,
        now,
        desktop,
      }));
    });
  }

  private handle(session: Session, agentId: string, frame: ParsedFrame): void {
    const { id, type } = frame;
    if (type === 'auth') {
      this.sendError(
        session,
        id,
        type,
        ServerErrorCode.wsAlreadyAuthenticated,
        `already authenticated as "${agentId}"`,
      );
      return;
    }
    const command = toCommand(frame, agentId);
    if (command) {
      const shed = this.shedder.refusal('agent');
      if (shed) {
        this.metrics.shed.inc({ kind: 'agent' });
        this.sendError(session, id, type, shed.code, shed.message);
        return;
      }
      this.sequencer.submit(command, (outcome) => {
        if (outcome instanceof ServerError) {
          this.sendError(session, id, type, outcome.code, outcome.message);
        } else if (!outcome.result.ok) {
          const { code, message } = outcome.result.error;
          this.sendError(session, id, type, code, message);
        } else {
          this.send(session, { type: 'ok', id, request: type });
        }
      });
      return;
    }
    const search = (frame.body as { search?: string }).search;
    this.sequencer.read((now) => {
      const router = this.router;
      switch (type) {
        case 'queues':
          this.send(session, {
            type: 'ok',
            id,
            request: type,
            queues: router.availableQueues(search),
          });
          break;
        case 'agents':
          this.send(session, {
            type: 'ok',
            id,
            request: type,
            agents: router.availableAgents(search, agentId),
          });
          break;
        case 'wrapUpReasons':
          this.send(session, {
            type: 'ok',
            id,
            request: type,
            reasons: router.wrapUpReasons(search),
          });
          break;
        case 'idleCodes':
          this.send(session, { type: 'ok', id, request: type, codes: router.idleCodes() });
          break;
        case 'desktop':
          this.sendDesktop(session, now, (desktop) => ({
            type: 'ok',
            id,
            request: type,
            now,
            desktop,
          }));
          break;
        case 'history':
          this.sendHistory(session, agentId, id, frame.body as RequestOf<'history'>, now);
          break;
        default:
          this.send(session, { type: 'ok', id, request: type, now });
      }
    });
  }

  /** A reply; one over the outgoing frame limit becomes a WS_RESPONSE_TOO_LARGE error frame. */
  private send(session: Session, frame: ReplyFrame): void {
    const text = this.fitting(JSON.stringify(frame));
    if (text !== null) {
      this.sendRaw(session, text);
      return;
    }
    this.sendError(
      session,
      frame.id,
      frame.request ?? null,
      ServerErrorCode.wsResponseTooLarge,
      `the answer exceeds ${this.limits.maxOutgoingFrameBytes} bytes`,
    );
  }

  /** A desktop snapshot frame, its panes paged to the outgoing frame limit. */
  private sendDesktop(
    session: Session,
    now: number,
    build: (desktop: DesktopSnapshot) => ReplyFrame,
  ): void {
    const agentId = session.agentId!;
    const desktop = this.router.desktop(agentId, now)!;
    const text = pagedFrame(
      desktop.conversations,
      (conversations) => build({ ...desktop, conversations }),
      this.limits.maxOutgoingFrameBytes,
    );
    if (text !== null) this.sendRaw(session, text);
    else this.send(session, build(desktop));
  }

  /** `history`: older messages of a conversation the agent is in, newest first fitting a frame. */
  private sendHistory(
    session: Session,
    agentId: string,
    id: FrameId,
    body: RequestOf<'history'>,
    now: number,
  ): void {
    const pane = this.router
      .desktop(agentId, now)
      ?.conversations.find((c) => c.conversationId === body.conversationId);
    if (pane === undefined) {
      this.sendError(
        session,
        id,
        'history',
        RouterErrorCode.notParticipant,
        `agent "${agentId}" is not in conversation "${body.conversationId}"`,
      );
      return;
    }
    const reply = (messages: readonly MessageView[], olderMessages: number) => ({
      type: 'ok',
      id,
      request: 'history',
      conversationId: body.conversationId,
      messages,
      olderMessages,
    });
    const budget =
      this.limits.maxOutgoingFrameBytes - Buffer.byteLength(JSON.stringify(reply([], 0))) - 16;
    const page = historyPage(pane.messages, body.beforeSeq, body.limit ?? 50, budget);
    this.send(session, reply(page.messages, page.olderMessages));
  }

  private sendError(
    session: Session,
    id: FrameId,
    request: string | null,
    code: string,
    message: string,
  ): void {
    this.metrics.errors.inc({ code });
    this.send(session, { type: 'error', id, request, code, message });
  }

  private sendRaw(session: Session, frame: string): void {
    const { ws } = session;
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(frame);
    if (ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.log('warn', 'closing a slow agent socket', { agentId: session.agentId });
      this.close(session, ServerErrorCode.wsSlowConsumer);
    }
  }

  private close(session: Session, code: ServerErrorCode): void {
    const error = new ServerError(code, code);
    this.metrics.errors.inc({ code });
    const { ws } = session;
    if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) {
      ws.close(error.close ?? 1008, code);
    }
    this.forget(session);
  }
}

function requestTypeOf(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return null;
  const type = (json as { type?: unknown }).type;
  return typeof type === 'string' && Object.hasOwn(requestSchemas, type) ? type : null;
}
