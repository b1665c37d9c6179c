import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpPool } from '../../src/load/index.js';

const servers: (http.Server | net.Server)[] = [];
const rawSockets: net.Socket[] = [];

afterEach(async () => {
  for (const socket of rawSockets.splice(0)) socket.destroy();
  for (const s of servers.splice(0)) {
    if (s instanceof http.Server) s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A raw TCP server whose sockets the test cleans up (an unread socket never sees the FIN). */
function rawServer(onSocket: (socket: net.Socket) => void): net.Server {
  return net.createServer((socket) => {
    rawSockets.push(socket);
    onSocket(socket);
  });
}

function listen(server: http.Server | net.Server): Promise<string> {
  servers.push(server);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

describe('HttpPool', () => {
  it('sends method, path, headers and body; reads Content-Length bodies', async () => {
    const seen: string[] = [];
    const url = await listen(
      http.createServer((req, res) => {
        let body = '';
        req.on('data', (c) => {
          body += c;
        });
        req.on('end', () => {
          seen.push(`${req.method} ${req.url} ${req.headers['x-test']} ${body}`);
          res.writeHead(201, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ echo: body }));
        });
      }),
    );
    const pool = new HttpPool(url, { connections: 2 });
    const r = await pool.fetch({
      method: 'POST',
      path: '/x?y=1',
      headers: 'X-Test: yes\r\n',
      body: 'héllo',
    });
    expect(r).toEqual({ status: 201, body: '{"echo":"héllo"}' });
    expect(seen).toEqual(['POST /x?y=1 yes héllo']);
    pool.close();
  });

  it('reads chunked bodies and keeps the connection alive', async () => {
    let sockets = 0;
    const server = http.createServer((_req, res) => {
      res.write('ab');
      res.write('cdé');
      res.end();
    });
    server.on('connection', () => sockets++);
    const url = await listen(server);
    const pool = new HttpPool(url, { connections: 1 });
    for (let i = 0; i < 5; i++) {
      expect(await pool.fetch({ method: 'GET', path: '/' })).toEqual({
        status: 200,
        body: 'abcdé',
      });
    }
    expect(sockets).toBe(1);
    pool.close();
  });

  it('queues requests beyond its connections and answers them in order', async () => {
    let inFlight = 0;
    let most = 0;
    const url = await listen(
      http.createServer((req, res) => {
        inFlight++;
        most = Math.max(most, inFlight);
        setTimeout(() => {
          inFlight--;
          res.end(req.url);
        }, 5);
      }),
    );
    const pool = new HttpPool(url, { connections: 3 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => pool.fetch({ method: 'GET', path: `/${i}` })),
    );
    expect(answers.map((a) => a.body)).toEqual(Array.from({ length: 20 }, (_, i) => `/${i}`));
    expect(most).toBeLessThanOrEqual(3);
    expect(pool.connections).toBeLessThanOrEqual(3);
    pool.close();
  });

  it('reconnects after the server closes a connection (Connection: close)', async () => {
    const url = await listen(
      http.createServer((_req, res) => {
        res.setHeader('connection', 'close');
        res.end('bye');
      }),
    );
    const pool = new HttpPool(url, { connections: 1 });
    for (let i = 0; i < 3; i++) {
      expect(await pool.fetch({ method: 'GET', path: '/' })).toEqual({ status: 200, body: 'bye' });
    }
    pool.close();
  });

  it('sends a request again when a reused keep-alive socket dies before any answer', async () => {
    const answer = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
    const url = await listen(
      rawServer((socket) => {
        let requests = 0;
        socket.on('data', () => {
          requests++;
          // The first request of a connection is answered; the second finds it closed.
          if (requests === 1) socket.write(answer);
          else socket.destroy();
        });
      }),
    );
    const pool = new HttpPool(url, { connections: 1 });
    expect(await pool.fetch({ method: 'POST', path: '/', body: 'a' })).toEqual({
      status: 200,
      body: 'ok',
    });
    expect(await pool.fetch({ method: 'POST', path: '/', body: 'b' })).toEqual({
      status: 200,
      body: 'ok',
    });
    expect(pool.retries).toBe(1);
    pool.close();
  });

  it('fails with a code: refused connection, reset mid-response, timeout', async () => {
    const closed = net.createServer();
    const port = (await listen(closed)).split(':')[2];
    await new Promise((r) => closed.close(r));
    servers.splice(servers.indexOf(closed), 1);
    const refused = new HttpPool(`http://127.0.0.1:${port}`);
    await expect(refused.fetch({ method: 'GET', path: '/' })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    refused.close();

    const reset = await listen(rawServer((s) => s.once('data', () => s.destroy())));
    const pool = new HttpPool(reset);
    await expect(pool.fetch({ method: 'GET', path: '/' })).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    pool.close();

    const silent = await listen(rawServer(() => {}));
    const slow = new HttpPool(silent, { timeoutMs: 50 });
    await expect(slow.fetch({ method: 'GET', path: '/' })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    slow.close();
  });
});
