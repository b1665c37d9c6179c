import type { DesktopEvent, DesktopSnapshot } from '../core/index.js';

/** A reply frame of the protocol (docs/protocol.md): `ok`, `error` or `auth.ok`. */
export interface Reply {
  readonly type: 'ok' | 'error' | 'auth.ok';
  readonly id: number | string | null;
  readonly request?: string | null;
  readonly code?: string;
  readonly message?: string;
  readonly [field: string]: unknown;
}

export interface AuthOk extends Reply {
  readonly type: 'auth.ok';
  readonly agentId: string;
  readonly agentName: string;
  readonly now: number;
  readonly desktop: DesktopSnapshot;
}

/** A refused request: the server's error frame, or the socket closing before the reply. */
export class RequestRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ConnectionHandlers {
  readonly event: (event: DesktopEvent) => void;
  /** The socket closed; `reason` is the server's close code (`WS_AUTH_FAILED`...) when it gave one. */
  readonly closed: (code: number, reason: string) => void;
}

/**
 * One authenticated socket to `/agent`. Requests carry a fresh numeric id and resolve with their
 * reply; events go to the handler in the order the server sent them (before the `ok` of the
 * request that caused them, as the protocol orders them).
 */
export class Connection {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();
  private isClosed = false;

  private constructor(
    private readonly ws: WebSocket,
    private readonly handlers: ConnectionHandlers,
  ) {
    ws.addEventListener('message', (e) => this.receive(String(e.data)));
    ws.addEventListener('close', (e) => {
      this.isClosed = true;
      for (const resolve of this.pending.values()) {
        resolve({ type: 'error', id: null, code: 'CLOSED', message: 'the connection closed' });
      }
      this.pending.clear();
      handlers.closed(e.code, e.reason);
    });
  }

  /** Opens the socket and authenticates; rejects with the close reason when the token is refused. */
  static open(
    url: string,
    token: string,
    handlers: ConnectionHandlers,
  ): Promise<{ connection: Connection; auth: AuthOk }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      let settled = false;
      const connection = new Connection(ws, {
        event: handlers.event,
        closed: (code, reason) => {
          if (!settled) {
            settled = true;
            reject(new RequestRefused(reason || `CLOSED_${code}`, closeMessage(code, reason)));
          } else handlers.closed(code, reason);
        },
      });
      ws.addEventListener('open', () => {
        connection.request({ type: 'auth', token }).then((reply) => {
          if (settled) return;
          if (reply.type === 'auth.ok') {
            settled = true;
            resolve({ connection, auth: reply as AuthOk });
          }
        });
      });
    });
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Sends a request frame; resolves with its reply (an `error` reply too). */
  request(frame: { readonly type: string; readonly [field: string]: unknown }): Promise<Reply> {
    if (this.isClosed) {
      return Promise.resolve({ type: 'error', id: null, code: 'CLOSED', message: 'not connected' });
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ ...frame, id }));
    });
  }

  /** Like `request`, but an error reply rejects with RequestRefused. */
  async ok(frame: { readonly type: string; readonly [field: string]: unknown }): Promise<Reply> {
    const reply = await this.request(frame);
    if (reply.type === 'error') {
      throw new RequestRefused(reply.code ?? 'ERROR', reply.message ?? 'refused');
    }
    return reply;
  }

  close(): void {
    this.ws.close(1000, 'signed out');
  }

  private receive(text: string): void {
    let frame: Reply | { type: 'event'; event: DesktopEvent };
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (frame.type === 'event') {
      this.handlers.event((frame as { event: DesktopEvent }).event);
      return;
    }
    const reply = frame as Reply;
    if (typeof reply.id !== 'number') return;
    const resolve = this.pending.get(reply.id);
    if (!resolve) return;
    this.pending.delete(reply.id);
    resolve(reply);
  }
}

function closeMessage(code: number, reason: string): string {
  if (reason === 'WS_AUTH_FAILED') return 'This token is not an agent token of this deployment.';
  if (reason === 'WS_TOO_MANY_SOCKETS') return 'This agent has too many desktops open.';
  return `The server closed the connection (${reason || code}).`;
}
