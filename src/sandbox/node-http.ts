import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_MAX_BODY_BYTES, readBody } from './read-body.js';

/**
 * Turns a node:http request into a web-standard Request on `origin`, with its whole body read.
 * The request target is appended to the origin as is (not resolved against it), so the raw,
 * still percent-encoded path reaches the fake unchanged. Throws on a target that is not a path,
 * and a `RequestTooLarge` for a body over `maxBodyBytes`.
 *
 * @example
 * const request = await toWebRequest(req, 'http://127.0.0.1:4010');
 */
export async function toWebRequest(
  req: IncomingMessage,
  origin: string,
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<Request> {
  const target = req.url ?? '/';
  if (!target.startsWith('/')) throw new TypeError(`unsupported request target: ${target}`);
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  }
  const method = req.method ?? 'GET';
  const body = await readBody(req, maxBodyBytes);
  const hasBody = body.length > 0 && method !== 'GET' && method !== 'HEAD';
  return new Request(origin + target, { method, headers, body: hasBody ? new Uint8Array(body) : null });
}

/**
 * Writes a web-standard Response to a node:http response, adding `extraHeaders`. A network-error
 * Response (`Response.error()`) destroys the socket instead, so the client sees a dropped
 * connection.
 *
 * @example
 * await writeWebResponse(res, await fake.handle(request), corsHeaders());
 */
export async function writeWebResponse(
  res: ServerResponse,
  response: Response,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  if (response.type === 'error') {
    res.destroy();
    return;
  }
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
  res.writeHead(response.status);
  res.end(body);
}
