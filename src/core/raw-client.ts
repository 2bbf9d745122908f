import createClient, { type Client, type FetchResponse, type MaybeOptionalInit } from 'openapi-fetch';
import { type ClientCore, inContext } from './client-core.js';
import { InvalidArgumentError } from './errors/invalid-argument-error.js';
import { InvalidResponseError } from './errors/invalid-response-error.js';
import { MemwireError } from './errors/memwire-error.js';
import { headerRecord, headerValue } from './headers.js';
import { redact } from './redact.js';
import { safeCause } from './safe-cause.js';
import { serializeJson } from './json-body.js';
import { serializePath } from './path.js';
import { callMetadata, type CallMetadata, type ResponsePromise, responsePromise } from './response-promise.js';
import { type Answer, triedOrigin } from './transport/call-state.js';
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
 * (`PUT /api/v1/memories/{memory_id}`). It keeps the operations' rules: nothing is sent for a
 * missing path parameter or a header fetch would refuse, what it hands back is redacted, and
 * every failure is a `MemwireError`.
 */
export function createRawClient<Paths extends AnyPaths>(core: ClientCore, headers: Record<string, string>): RawClient<Paths> {
  const client = createClient<Paths>({
    baseUrl: core.baseUrl,
    headers: { ...core.headers, ...headers },
    pathSerializer: serializePath,
    bodySerializer: serializeJson,
  });
  const raw = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of METHODS) {
    const send = client[method] as (path: string, init?: object) => Promise<FetchResponse<object, object, 'text/plain'>>;
    raw[method] = (path, init) => rawCall(core, method, path as string, init ?? {}, send);
  }
  // `request(method, path)` is that method's call, above; one openapi-fetch's types do not allow is a TypeError.
  raw.request = (method, path, init) => raw[(method as string).toUpperCase()]!(path, init);
  return client as unknown as RawClient<Paths>;
}

/** What of a raw call's init memwire checks before openapi-fetch builds the request. */
interface RawCallInit {
  params?: { path?: Record<string, unknown>; header?: Record<string, unknown> };
  headers?: unknown;
}

type Send = (path: string, init?: object) => Promise<FetchResponse<object, object, 'text/plain'>>;

/** One raw call: checked, sent through the transport, and its failures made `MemwireError`s. */
function rawCall(core: ClientCore, method: string, path: string, init: RawCallInit, send: Send) {
  const prefix = `${core.provider.name} ${method} ${path}: `;
  let last: Answer | undefined;
  const fetch = async (request: Request) => {
    last = await sendCall(core.transport, {
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
    if (last.hookError) throw last.hookError;
    // openapi-fetch hands back the body, the error body too: redacted, as every error of memwire's is.
    return copyOf(last.response, redactedBody(last));
  };
  const sent = Promise.resolve()
    .then(() => send(path, { ...checkedInit(path, init), fetch }))
    .then(
      (result) => ({ ...result, ...callMetadata(result.response, last!.call.attempts) }),
      (error: unknown) => {
        throw rawFailure(prefix, error, last, headerSecrets(init));
      },
    );
  return responsePromise(sent, ({ data, error, response }) => ({ data, error, response }));
}

const PATH_PARAM = /\{([^{}]+)\}/g;

/** `init` once every path parameter the template needs is there and every header can be sent as it is. */
function checkedInit(path: string, init: RawCallInit): RawCallInit {
  for (const [, name] of path.matchAll(PATH_PARAM)) {
    if (init.params?.path?.[name!] === undefined) {
      throw new InvalidArgumentError(`params.path.${name} is missing: ${path} needs it, and nothing was sent`);
    }
  }
  headerRecord(init.headers);
  for (const [name, value] of Object.entries(init.params?.header ?? {})) {
    if (value != null) headerValue(name, typeof value === 'number' || typeof value === 'boolean' ? String(value) : value);
  }
  return init;
}

/** The header values a raw call was given: never repeated by an error about it. */
function headerSecrets(init: RawCallInit): string[] {
  try {
    return [...Object.values(headerRecord(init.headers)), ...Object.values(init.params?.header ?? {}).map(String)];
  } catch {
    return Object.values(init.params?.header ?? {}).map(String);
  }
}

/** What a raw call that failed outside the transport becomes: an answer openapi-fetch could not read, or a request it could not build. */
function rawFailure(prefix: string, error: unknown, last: Answer | undefined, secrets: string[]): unknown {
  if (error instanceof MemwireError) return inContext(error, prefix);
  if (last) {
    const { response, call } = last;
    const text = redact(new TextDecoder().decode(last.body ?? undefined), call.secrets);
    return new InvalidResponseError({
      message: redact(
        `${prefix}${response.status}: the body could not be read as the call asked (${String((error as Error)?.message)})`,
        call.secrets,
      ),
      status: response.status,
      headers: redact(response.headers, call.secrets),
      body: text.slice(0, 1_000),
      attempts: call.attempts,
      origin: triedOrigin(call),
    });
  }
  const cause = safeCause(error, secrets);
  const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return new InvalidArgumentError(`${prefix}the request could not be made, and nothing was sent (${reason})`, { cause });
}

const utf8 = /* @__PURE__ */ new TextEncoder();

function redactedBody({ body, call }: Answer): Uint8Array<ArrayBuffer> | null {
  return body && utf8.encode(redact(new TextDecoder().decode(body), call.secrets));
}

// RFC 9110's idempotent methods: how `raw` calls, which name no operation, are retried.
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
