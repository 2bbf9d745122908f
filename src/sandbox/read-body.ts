import type { IncomingMessage } from 'node:http';

/** The sandbox's request body limit unless told otherwise: far above any memory update. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** A request body over the sandbox's limit: answered with 413, never buffered. */
export class RequestTooLarge extends Error {}

/**
 * A node:http request's whole body, or a `RequestTooLarge` as soon as it passes `limit` bytes (at
 * once when its Content-Length says so). The rest is read and dropped rather than the socket
 * destroyed, so the client still gets the 413.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = () => {
      req.off('data', onData).resume();
      chunks.length = 0;
      reject(new RequestTooLarge(`request body over ${limit} bytes`));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge();
      else chunks.push(chunk);
    };
    if (Number(req.headers['content-length']) > limit) return tooLarge();
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
