import createClient, { type Client, type FetchResponse, type MaybeOptionalInit } from 'openapi-fetch';
import type { ClientCore } from './client-core.js';
import { serializeJson } from './json-body.js';
import { serializePath } from './path.js';
import { callMetadata, type CallMetadata, type ResponsePromise, responsePromise } from './response-promise.js';
import { sendCall } from './transport/call.js';
import { copyOf } from './transport/read-answer.js';

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

// openapi-fetch's own constraint: the generated `paths` are interfaces, which have no index signature.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPaths = Record<string, any>;
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type PathsWith<Paths, Method extends string> = {
  [Path in keyof Paths]: Paths[Path] extends Record<Method, unknown> ? Path : never;
}[keyof Paths];

type RawInit<Init> = RequiredKeys<Init> extends never ? [(Init & Record<string, unknown>)?] : [Init & Record<string, unknown>];
type RawResult<Operation extends AnyPaths, Init> = ResponsePromise<
  FetchResponse<Operation, Init, `${string}/${string}`>,
  FetchResponse<Operation, Init, `${string}/${string}`> & CallMetadata
>;

/** openapi-fetch's method signature, returning a {@link ResponsePromise}. */
export type RawMethod<Paths extends AnyPaths, Method extends string> = <
  Path extends PathsWith<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method>,
>(
  url: Path,
  ...init: RawInit<Init>
) => RawResult<Paths[Path][Method], Init>;

/** openapi-fetch's `request(method, url, init)`, returning a {@link ResponsePromise}. */
export type RawRequestMethod<Paths extends AnyPaths> = <
  Method extends Lowercase<(typeof METHODS)[number]>,
  Path extends PathsWith<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method>,
>(
  method: Method,
  url: Path,
  ...init: RawInit<Init>
) => RawResult<Paths[Path][Method], Init>;

/**
 * The typed openapi-fetch client, whose `GET`, `PUT`, `POST`… and `request(method, url)` calls also
 * have `withResponse()`, resolving to openapi-fetch's `{ data, error, response }` with `requestId`
 * and `attempts`.
 */
export type RawClient<Paths extends AnyPaths> = Omit<Client<Paths>, (typeof METHODS)[number] | 'request'> & {
  [Method in (typeof METHODS)[number]]: RawMethod<Paths, Lowercase<Method>>;
} & { request: RawRequestMethod<Paths> };

/**
 * The typed openapi-fetch client over memwire's transport, sending `headers` on every request
 * besides the caller's own. Its calls are retried by HTTP method (PUT yes, POST and PATCH only
 * when the server cannot have applied them) and named by method and path template
 * (`PUT /api/v1/memories/{memory_id}`).
 */
export function createRawClient<Paths extends AnyPaths>(core: ClientCore, headers: Record<string, string>): RawClient<Paths> {
  const client = createClient<Paths>({
    baseUrl: core.baseUrl,
    headers: { ...core.headers, ...headers },
    pathSerializer: serializePath,
    bodySerializer: serializeJson,
  });
  for (const method of METHODS) {
    const send = client[method] as (path: string, init?: object) => Promise<FetchResponse<object, object, 'text/plain'>>;
    (client as unknown as Record<string, unknown>)[method] = (path: string, init?: object) => {
      let attempts = 0;
      const fetch = async (request: Request) => {
        const answer = await sendCall(core.transport, {
          operation: `${method} ${path}`,
          template: path,
          idempotent: IDEMPOTENT_METHODS.has(method),
          method,
          url: request.url,
          headers: request.headers,
          body: request.body === null ? null : await request.text(),
          maxRetries: core.maxRetries,
          timeout: core.timeout,
          totalTimeout: core.totalTimeout,
          signal: request.signal,
        });
        attempts = answer.call.attempts;
        if (answer.hookError) throw answer.hookError;
        return copyOf(answer.response, answer.body);
      };
      return responsePromise(
        send(path, { ...init, fetch }).then((result) => ({ ...result, ...callMetadata(result.response, attempts) })),
        ({ data, error, response }) => ({ data, error, response }),
      );
    };
  }
  // `request(method, path)` is that method's call, above; one openapi-fetch's types do not allow is a TypeError.
  const raw = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  raw.request = (method, path, init) => raw[(method as string).toUpperCase()]!(path, init);
  return client as unknown as RawClient<Paths>;
}

// RFC 9110's idempotent methods: how `raw` calls, which name no operation, are retried.
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
