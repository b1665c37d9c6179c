import net from 'node:net';

/**
 * A lean HTTP/1.1 client for one origin: a pool of keep-alive sockets, one request in flight per
 * socket, requests queued in order when every socket is busy. It writes each request as one
 * pre-formatted chunk and parses only what a load generator needs (status, Content-Length or
 * chunked body), so a single core sends several times what `node:http` does: a replayer that
 * is slower than the deployment it measures would measure itself.
 */

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

/** Why a request got no response: a stable code (`ECONNREFUSED`, `ECONNRESET`, `TIMEOUT`...). */
export class HttpClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpClientError';
  }
}

export type HttpCallback = (error: HttpClientError | null, response: HttpResponse | null) => void;

export interface HttpRequest {
  readonly method: string;
  /** Path and query, e.g. `/webhook`. */
  readonly path: string;
  /** Extra header lines, each `Name: value\r\n` (Host and Content-Length are added). */
  readonly headers?: string;
  readonly body?: string | Buffer;
  /** Called when the request is handed to a socket (after any wait for a free one). */
  readonly onWrite?: () => void;
}

export interface HttpPoolOptions {
  /** Sockets at most (default 64). */
  readonly connections?: number;
  /**
   * An idle socket older than this is closed instead of reused (default 4 s, under Node's 5 s
   * server keep-alive timeout), so that a request rarely meets a socket the server just closed.
   */
  readonly idleTimeoutMs?: number;
  /** Time from write to the complete response before the socket is dropped (default 30 s). */
  readonly timeoutMs?: number;
}

interface Pending {
  readonly request: HttpRequest;
  readonly callback: HttpCallback;
  /** Sent again once after a reused keep-alive socket died under it (see `Connection.fail`). */
  retried: boolean;
}

const CRLF2 = Buffer.from('\r\n\r\n');

/** Parses responses off one socket. */
class Connection {
  readonly socket: net.Socket;
  current: Pending | null = null;
  private buffer: Buffer | null = null;
  /** Parsed head of the response being read: -1 before the head is complete. */
  private status = -1;
  private bodyStart = 0;
  private contentLength = -1;
  private chunked = false;
  private closeAfter = false;
  private timer: NodeJS.Timeout | null = null;
  alive = true;
  /** Requests completed on this socket (a reused socket may have been closed by the server). */
  served = 0;
  /** Bytes of the current response have arrived. */
  private answering = false;
  /** When it went back to the idle list (replayer clock). */
  idleSince = 0;

  constructor(
    private readonly pool: HttpPool,
    host: string,
    port: number,
  ) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.setKeepAlive(true);
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (err: NodeJS.ErrnoException) => {
      this.fail(new HttpClientError(err.code ?? 'ESOCKET', err.message));
    });
    this.socket.on('close', () => {
      this.fail(new HttpClientError('ECONNRESET', 'the connection closed before the response'));
    });
  }

  send(pending: Pending): void {
    this.current = pending;
    this.answering = false;
    const { request } = pending;
    const body = request.body ?? '';
    const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    const head =
      `${request.method} ${request.path} HTTP/1.1\r\nHost: ${this.pool.hostHeader}\r\n` +
      `${request.headers ?? ''}Content-Length: ${length}\r\n\r\n`;
    request.onWrite?.();
    if (typeof body === 'string') this.socket.write(head + body);
    else {
      this.socket.write(head);
      if (length > 0) this.socket.write(body);
    }
    const timeoutMs = this.pool.timeoutMs;
    if (timeoutMs > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.fail(new HttpClientError('TIMEOUT', `no response within ${timeoutMs} ms`));
      }, timeoutMs);
    }
  }

  private onData(chunk: Buffer): void {
    this.answering = true;
    this.buffer = this.buffer === null ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const buf: Buffer | null = this.buffer;
      if (buf === null) return;
      if (this.status < 0) {
        const end = buf.indexOf(CRLF2);
        if (end < 0) return;
        const head = buf.toString('latin1', 0, end);
        this.status = Number.parseInt(head.slice(9, 12), 10);
        this.bodyStart = end + 4;
        const lower = head.toLowerCase();
        const cl = /\r\ncontent-length:\s*(\d+)/.exec(lower);
        this.contentLength = cl ? Number(cl[1]) : -1;
        this.chunked = /\r\ntransfer-encoding:[^\r]*chunked/.test(lower);
        this.closeAfter =
          /\r\nconnection:\s*close/.test(lower) || head.startsWith('HTTP/1.0') === true;
      }
      let bodyEnd: number;
      let body: string;
      if (this.chunked) {
        const parsed = parseChunked(buf, this.bodyStart);
        if (parsed === null) return;
        bodyEnd = parsed.end;
        body = parsed.body;
      } else if (this.contentLength >= 0) {
        bodyEnd = this.bodyStart + this.contentLength;
        if (buf.length < bodyEnd) return;
        body = buf.toString('utf8', this.bodyStart, bodyEnd);
      } else if (this.status === 204 || this.status === 304 || this.status < 200) {
        bodyEnd = this.bodyStart;
        body = '';
      } else {
        // Body delimited by the close of the connection: wait for it.
        this.closeAfter = true;
        return;
      }
      const status = this.status;
      this.status = -1;
      this.buffer = bodyEnd < buf.length ? buf.subarray(bodyEnd) : null;
      if (status === 100) continue;
      if (this.closeAfter) {
        // The server closes this connection: retire it before the pool hands it more work.
        this.alive = false;
        this.socket.destroy();
        this.complete(null, { status, body });
        return;
      }
      this.complete(null, { status, body });
    }
  }

  private complete(error: HttpClientError | null, response: HttpResponse | null): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const pending = this.current;
    this.current = null;
    if (error !== null) {
      this.alive = false;
      this.socket.destroy();
    } else this.served++;
    if (pending !== null) pending.callback(error, response);
    this.pool.released(this);
  }

  private fail(error: HttpClientError): void {
    if (!this.alive && this.current === null) return;
    // A response delimited by the close of the connection ends here.
    if (this.current !== null && this.status >= 0 && this.closeAfter && this.buffer !== null) {
      const body = this.buffer.toString('utf8', this.bodyStart);
      const status = this.status;
      this.status = -1;
      this.buffer = null;
      this.alive = false;
      this.complete(null, { status, body });
      return;
    }
    this.alive = false;
    // A keep-alive socket the server closed while idle dies as soon as it is reused, before any
    // byte of an answer: the request never reached the application. Send it once more on a fresh
    // socket, as browsers do (webhooks are safe to repeat: the deployment de-duplicates by id).
    const pending = this.current;
    if (
      pending !== null &&
      !pending.retried &&
      this.served > 0 &&
      !this.answering &&
      error.code !== 'TIMEOUT'
    ) {
      pending.retried = true;
      this.current = null;
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = null;
      this.socket.destroy();
      this.pool.retry(pending, this);
      return;
    }
    this.complete(error, null);
  }
}

function parseChunked(buf: Buffer, start: number): { end: number; body: string } | null {
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', at, 'latin1');
    if (lineEnd < 0) return null;
    const size = Number.parseInt(buf.toString('latin1', at, lineEnd), 16);
    if (!Number.isFinite(size)) return { end: buf.length, body: '' };
    const dataStart = lineEnd + 2;
    if (size === 0) {
      // Trailers (none expected) end with an empty line.
      const trailerEnd = buf.indexOf(CRLF2, lineEnd);
      if (buf.length >= dataStart + 2 && buf[dataStart] === 13 && buf[dataStart + 1] === 10) {
        return { end: dataStart + 2, body: Buffer.concat(parts).toString('utf8') };
      }
      if (trailerEnd < 0) return null;
      return { end: trailerEnd + 4, body: Buffer.concat(parts).toString('utf8') };
    }
    if (buf.length < dataStart + size + 2) return null;
    parts.push(buf.subarray(dataStart, dataStart + size));
    at = dataStart + size + 2;
  }
}

export class HttpPool {
  readonly host: string;
  readonly port: number;
  readonly hostHeader: string;
  readonly timeoutMs: number;
  private readonly maxConnections: number;
  private readonly idleTimeoutMs: number;
  /** Requests sent again after a reused socket died under them. */
  retries = 0;
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly queue: Pending[] = [];
  private queueHead = 0;
  private closed = false;

  /** `origin` is `http://host:port` (a path is ignored). */
  constructor(origin: string, options: HttpPoolOptions = {}) {
    const url = new URL(origin);
    if (url.protocol !== 'http:') {
      throw new HttpClientError('UNSUPPORTED_PROTOCOL', `only http: is supported, got ${origin}`);
    }
    this.host = url.hostname.replace(/^\[|\]$/g, '');
    this.port = Number(url.port || 80);
    this.hostHeader = url.host;
    this.maxConnections = Math.max(1, options.connections ?? 64);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 4000;
  }

  /** Requests waiting for a free socket. */
  get queued(): number {
    return this.queue.length - this.queueHead;
  }

  get connections(): number {
    return this.all.size;
  }

  request(request: HttpRequest, callback: HttpCallback): void {
    if (this.closed) {
      callback(new HttpClientError('POOL_CLOSED', 'the client is closed'), null);
      return;
    }
    const pending: Pending = { request, callback, retried: false };
    const connection = this.take();
    if (connection === null) this.queue.push(pending);
    else connection.send(pending);
  }

  fetch(request: HttpRequest): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      this.request(request, (error, response) => {
        if (error !== null) reject(error);
        else resolve(response!);
      });
    });
  }

  private take(): Connection | null {
    const now = performance.now();
    while (this.idle.length > 0) {
      const connection = this.idle.pop()!;
      if (!connection.alive) continue;
      if (now - connection.idleSince <= this.idleTimeoutMs) return connection;
      connection.alive = false;
      connection.socket.destroy();
      this.all.delete(connection);
    }
    if (this.all.size < this.maxConnections) {
      const connection = new Connection(this, this.host, this.port);
      this.all.add(connection);
      return connection;
    }
    return null;
  }

  /** A connection finished its request (or died): give it the next queued one. */
  released(connection: Connection): void {
    if (!connection.alive) this.all.delete(connection);
    if (this.queueHead < this.queue.length) {
      const next = this.queue[this.queueHead]!;
      this.queue[this.queueHead] = undefined as never;
      this.queueHead++;
      if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
        this.queue.splice(0, this.queueHead);
        this.queueHead = 0;
      }
      const target = connection.alive ? connection : this.take();
      if (target !== null) target.send(next);
      else this.queue[--this.queueHead] = next;
      return;
    }
    if (connection.alive) {
      connection.idleSince = performance.now();
      this.idle.push(connection);
    }
  }

  /** Sends a request again on another socket, ahead of the queue (it was due first). */
  retry(pending: Pending, dead: Connection): void {
    this.retries++;
    this.all.delete(dead);
    const connection = this.take();
    if (connection !== null) connection.send(pending);
    else if (this.queueHead > 0) this.queue[--this.queueHead] = pending;
    else this.queue.unshift(pending);
  }

  /** Fails queued requests and closes every socket. */
  close(): void {
    this.closed = true;
    const waiting = this.queue.slice(this.queueHead);
    this.queue.length = 0;
    this.queueHead = 0;
    for (const p of waiting)
      p.callback(new HttpClientError('POOL_CLOSED', 'the client closed'), null);
    for (const connection of this.all) {
      connection.alive = false;
      connection.socket.destroy();
    }
    this.all.clear();
    this.idle.length = 0;
  }
}
