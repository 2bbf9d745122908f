/**
 * The README's recipe for Amazon OpenSearch Service: a beforeRequest hook signs each attempt with
 * AWS SigV4 (aws4fetch), with the credentials of that attempt. A real node:http server checks
 * each request as it arrived against the signature aws4fetch computes for it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsClient, AwsV4Signer } from 'aws4fetch';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenSearchMemory } from '../../src/index.js';

interface Arrived {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

/** An OpenSearch-shaped server answering 503 first, then the update's response. */
async function serve(arrived: Arrived[]): Promise<string> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      arrived.push({ method: request.method!, path: request.url!, headers: request.headers, body: Buffer.concat(chunks) });
      const ok = arrived.length > 1;
      response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(
          ok
            ? {
                _index: 'm',
                _id: 'l1',
                _version: 2,
                result: 'updated',
                _shards: { total: 1, successful: 1, failed: 0 },
                _seq_no: 3,
                _primary_term: 1,
              }
            : { status: 503 },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** What aws4fetch computes for the request as it arrived, over the headers it says it signed. */
async function expectedAuthorization(arrived: Arrived, baseUrl: string, credentials: Credentials): Promise<string> {
  const authorization = String(arrived.headers.authorization);
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)![1]!.split(';');
  const headers = new Headers();
  for (const name of signedHeaders) headers.set(name, String(arrived.headers[name]));
  const signer = new AwsV4Signer({
    method: arrived.method,
    url: `${baseUrl}${arrived.path}`,
    headers,
    body: arrived.body.toString(),
    ...credentials,
    service: 'es',
    region: 'eu-west-1',
    datetime: String(arrived.headers['x-amz-date']),
  });
  return (await signer.sign()).headers.get('authorization')!;
}

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

// Retry waits run at once: the server is real, time need not be.
const immediate = { now: () => 0, setTimeout: (run: () => void) => (queueMicrotask(run), 0), clearTimeout: () => {} };

/** The recipe's client: every request to `domain` signed with the credentials of that moment, and no other. */
function signingClient(domain: string, currentCredentials: () => Promise<Credentials>) {
  return new OpenSearchMemory({
    baseUrl: domain,
    // The Authorization memwire sets is replaced by the signature.
    auth: { token: 'replaced-by-sigv4' },
    timeout: Infinity,
    clock: immediate,
    hooks: {
      async beforeRequest(request) {
        if (new URL(request.url).origin !== domain) return;
        const aws = new AwsClient({ ...(await currentCredentials()), service: 'es', region: 'eu-west-1' });
        return aws.sign(request);
      },
    },
  });
}

describe('signing every attempt with AWS SigV4 (aws4fetch)', () => {
  it('signs each attempt afresh, with that attempt’s credentials, as the server receives it', async () => {
    const arrived: Arrived[] = [];
    const baseUrl = await serve(arrived);
    const issued: Credentials[] = [];
    // Short-lived credentials, as an STS or instance-role provider gives them: new ones per attempt.
    const currentCredentials = async () => {
      const n = issued.length + 1;
      const credentials = { accessKeyId: `AKIA${n}`, secretAccessKey: `secret-${n}`, sessionToken: `token-${n}` };
      issued.push(credentials);
      return Promise.resolve(credentials);
    };

    const openSearch = signingClient(baseUrl, currentCredentials);
    const { data, attempts } = await openSearch.memories
      .update('c1', 'long-term', 'l1', { memory: 'Prefers tea' }, { headers: { 'x-trace-id': 't1' } })
      .withResponse();
    expect(data.result).toBe('updated');
    expect(attempts).toBe(2);

    expect(arrived).toHaveLength(2);
    for (const [i, request] of arrived.entries()) {
      expect(request.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=AKIA${i + 1}/`));
      expect(request.headers['x-amz-security-token']).toBe(`token-${i + 1}`);
      expect(request.headers.authorization).toBe(await expectedAuthorization(request, baseUrl, issued[i]!));
      expect(request.body.toString()).toBe('{"memory":"Prefers tea"}');
      expect(request.headers['x-trace-id']).toBe('t1');
    }
    expect(arrived[0]!.headers.authorization).not.toBe(arrived[1]!.headers.authorization);
  });

  it('signs no request a redirect sends to another origin: no signature, no session token', async () => {
    // The other origin answers the update (after a first 503, which is retried); the domain redirects every request there.
    const elsewhere: Arrived[] = [];
    const other = await serve(elsewhere);
    const redirecting = http.createServer((request, response) => {
      request.resume();
      response.writeHead(307, { location: `${other}${request.url}` }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    closers.push(() => redirecting.close());
    const domain = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`;
    const credentials = { accessKeyId: 'AKIA1', secretAccessKey: 'secret-1', sessionToken: 'token-1' };

    const openSearch = signingClient(domain, () => Promise.resolve(credentials));
    const result = await openSearch.memories.update('c1', 'long-term', 'l1', { memory: 'Prefers tea' });
    expect(result.result).toBe('updated');
    expect(elsewhere).toHaveLength(2);
    for (const request of elsewhere) {
      expect(request.headers.authorization).toBeUndefined();
      expect(Object.keys(request.headers).filter((name) => name.startsWith('x-amz-'))).toEqual([]);
      expect(request.body.toString()).toBe('{"memory":"Prefers tea"}');
    }
  });
});
