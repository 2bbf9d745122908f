import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';

/** A running static server. */
export interface StaticServer {
  /** e.g. `http://127.0.0.1:43121`: the page's origin. */
  readonly url: string;
  /** Every request it received, as `METHOD /path -> status`, in order. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * Serves exactly the files in `files` (URL path -> file on disk) from 127.0.0.1 on a free port,
 * read fresh on every request and never cached; anything else is a 404. It sends no CORS
 * headers: it is only ever the page's own origin.
 *
 * @example
 * const pages = await startStaticServer({ '/iife.html': '/repo/test/browser/page/iife.html' });
 */
export async function startStaticServer(files: Readonly<Record<string, string>>): Promise<StaticServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = req.method === 'GET' ? files[path] : undefined;
    const answer = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
      requests.push(`${req.method} ${path} -> ${status}`);
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (!file) return answer(404, 'Not Found');
    readFile(file).then(
      (body) => answer(200, body, TYPES[extname(file)] ?? 'application/octet-stream'),
      () => answer(500, `Could not read ${path}`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
