import WebSocket from 'ws';
import { LoadError, LoadErrorCode } from './loadError.js';

/**
 * One agent's WebSocket connection to the agent desktop (docs/protocol.md): authenticate, send
 * request frames with ids and await their `ok`/`error`, and hand every received frame (raw text
 * first, for the leak check, then parsed) to the owner.
 */

// Frames as the protocol defines them; only the fields the replayer reads are typed.
export interface Frame {
  readonly type: string;
  readonly id?: string | number | null;
  readonly [key: string]: unknown;
}

export interface ReplyFrame extends Frame {
  readonly type: 'ok' | 'error';
  readonly code?: string;
  readonly message?: string;
}

export interface DesktopClientOptions {
  readonly url: string;
  readonly token: string;
  /** Every frame, before anything else looks at it. */
  readonly onFrame: (raw: string, frame: Frame) => void;
  /** The socket closed (not by `close()`). */
  readonly onClose?: (code: number, reason: string) => void;
  /** Time to connect and authenticate (default 10 s). */
  readonly timeoutMs?: number;
}

export class DesktopClient {
  private readonly ws: WebSocket;
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: ReplyFrame) => void>();
  private closing = false;
  authOk: Frame | null = null;

  private constructor(ws: WebSocket) {
    this.ws = ws;
  }

  /** Connects and authenticates; rejects with LOAD_AGENT_AUTH_FAILED / LOAD_TARGET_UNREACHABLE. */
  static connect(options: DesktopClientOptions): Promise<DesktopClient> {
    const ws = new WebSocket(options.url, { perMessageDeflate: false });
    const client = new DesktopClient(ws);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new LoadError(LoadErrorCode.targetUnreachable, `no auth.ok from ${options.url}`));
      }, options.timeoutMs ?? 10_000);
      let settled = false;
      const settle = (error: Error | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(client);
      };
      ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', id: 0, token: options.token })));
      ws.on('error', (err: NodeJS.ErrnoException) => {
        settle(
          new LoadError(
            LoadErrorCode.targetUnreachable,
            `agent desktop ${options.url}: ${err.code ?? err.message}`,
          ),
        );
      });
      ws.on('close', (code, reason) => {
        const text = reason.toString();
        settle(
          new LoadError(
            LoadErrorCode.agentAuthFailed,
            `agent desktop closed the socket: ${code} ${text || '(no reason)'}`,
          ),
        );
        for (const resolveReply of client.waiting.values()) {
          resolveReply({ type: 'error', code: 'WS_CLOSED', message: `socket closed (${code})` });
        }
        client.waiting.clear();
        if (!client.closing) options.onClose?.(code, text);
      });
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        const raw = data.toString();
        let frame: Frame;
        try {
          frame = JSON.parse(raw) as Frame;
        } catch {
          return;
        }
        if (frame.type === 'auth.ok' && client.authOk === null) {
          client.authOk = frame;
          options.onFrame(raw, frame);
          settle(null);
          return;
        }
        options.onFrame(raw, frame);
        if ((frame.type === 'ok' || frame.type === 'error') && typeof frame.id === 'number') {
          const resolveReply = client.waiting.get(frame.id);
          if (resolveReply !== undefined) {
            client.waiting.delete(frame.id);
            resolveReply(frame as ReplyFrame);
          }
        }
      });
    });
  }

  /** Sends a request frame; resolves with its `ok` or `error` reply (never rejects). */
  request(frame: { type: string; [key: string]: unknown }): Promise<ReplyFrame> {
    if (this.ws.readyState !== WebSocket.OPEN) {
      return Promise.resolve({ type: 'error', code: 'WS_CLOSED', message: 'socket not open' });
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ ...frame, id }));
    });
  }

  close(): void {
    this.closing = true;
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(1000, 'load test over');
    }
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }
}
