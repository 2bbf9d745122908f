import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** A server on 127.0.0.1 and the base URL to reach it. */
export interface Served {
  url: string;
}

/** What a raw server is told of each request: its head as text and its Authorization header. */
export interface RawRequest {
  head: string;
  authorization: string;
}

/**
 * Starts servers on 127.0.0.1 (port 0) for one test file, and closes every one of them, with its
 * connections, after each test.
 */
export function useServers() {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  const listen = async (server: net.Server, destroyAll: () => void): Promise<Served> => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => {
      destroyAll();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    });
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };

  return {
    /** A node:http server answering each request with `handle`, once its body is read. */
    http(handle: (request: http.IncomingMessage, response: http.ServerResponse) => void): Promise<Served> {
      const server = http.createServer((request, response) => {
        request.resume().on('end', () => handle(request, response));
      });
      return listen(server, () => server.closeAllConnections());
    },

    /**
     * A `net` server that reads each request (head and `content-length` body), writes whatever
     * bytes `respond` returns, as they are, and closes the connection.
     */
    raw(respond: (request: RawRequest) => string | Buffer): Promise<Served> {
      const sockets = new Set<net.Socket>();
      const server = net.createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {});
        let received = Buffer.alloc(0);
        socket.on('data', (chunk) => {
          received = Buffer.concat([received, chunk]);
          const end = received.indexOf('\r\n\r\n');
          if (end < 0) return;
          const head = received.subarray(0, end).toString('latin1');
          const length = Number(/^content-length: *(\d+)/im.exec(head)?.[1] ?? 0);
          if (received.length < end + 4 + length) return;
          const authorization = /^authorization: *(.*)$/im.exec(head)?.[1] ?? '';
          const response = respond({ head, authorization });
          socket.end(typeof response === 'string' ? Buffer.from(response, 'utf8') : response);
          received = Buffer.alloc(0);
        });
      });
      return listen(server, () => sockets.forEach((socket) => socket.destroy()));
    },
  };
}
