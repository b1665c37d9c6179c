import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Cloud API message the deployment sent to a customer. */
export interface SinkMessage {
  readonly phoneNumberId: string;
  readonly to: string;
  readonly text: string;
}

export interface GraphSink {
  /** `http://127.0.0.1:port`: the deployment's `--graph-url`. */
  readonly url: string;
  readonly received: number;
  close(): Promise<void>;
}

export interface GraphSinkOptions {
  /** Default 0: a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  readonly onMessage: (message: SinkMessage) => void;
  /** A request that is not a Cloud API text message (counted as a sink error). */
  readonly onBadRequest?: (code: string) => void;
}

/**
 * A stand-in for the WhatsApp Cloud API on loopback: takes `POST .../{phone_number_id}/messages`
 * as Meta would (200 with a message id) and hands each reply to the replayer, which measures the
 * time from the agent's `send` to here. Any base path is accepted (`--graph-url` may carry a
 * version like `/v21.0`).
 */
export function startGraphSink(options: GraphSinkOptions): Promise<GraphSink> {
  let received = 0;
  let outId = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const m = /\/([^/]+)\/messages$/.exec(req.url ?? '');
      if (req.method !== 'POST' || m === null) {
        options.onBadRequest?.('SINK_NOT_FOUND');
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"unknown path","code":100}}');
        return;
      }
      let to = '';
      let text = '';
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          to?: unknown;
          text?: { body?: unknown };
        };
        to = typeof body.to === 'string' ? body.to : '';
        text = typeof body.text?.body === 'string' ? body.text.body : '';
      } catch {
        // answered below
      }
      if (to === '') {
        options.onBadRequest?.('SINK_BAD_BODY');
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"invalid body","code":100}}');
        return;
      }
      received++;
      options.onMessage({ phoneNumberId: decodeURIComponent(m[1]!), to, text });
      outId++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          messaging_product: 'whatsapp',
          contacts: [{ input: to, wa_id: to }],
          messages: [{ id: `wamid.sink.${outId}` }],
        }),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${options.host ?? '127.0.0.1'}:${port}`,
        get received() {
          return received;
        },
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
