import createClient, { type Client, type FetchResponse, type MaybeOptionalInit } from 'openapi-fetch';
import { systemClock } from './clock.js';
import type { CredentialSource } from './credentials.js';
import type { ApiErrorInit } from './errors/api-error.js';
import { checkedFetch } from './checked-fetch.js';
import { errorFromResponse } from './errors/from-response.js';
import { InvalidArgumentError } from './errors/invalid-argument-error.js';
import { InvalidResponseError } from './errors/invalid-response-error.js';
import { MemwireError } from './errors/memwire-error.js';
import { headerRecord } from './headers.js';
import { checkHooks } from './hooks.js';
import { createLog } from './log.js';
import { stringField } from './json-field.js';
import { serializeJson } from './json-body.js';
import {
  checkMaxConcurrency,
  checkMaxResponseBytes,
  checkMaxRetries,
  checkTimeout,
  type ClientOptions,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RETRIES,
  CLIENT_OPTION_KEYS,
  DEFAULT_TIMEOUT,
  REQUEST_OPTION_KEYS,
  type RequestOptions,
} from './options.js';
import { serializePath } from './path.js';
import { callMetadata, type CallMetadata, type ResponsePromise, responsePromise, type WithResponse } from './response-promise.js';
import { redact } from './redact.js';
import { safeCause } from './safe-cause.js';
import { requestedDelay } from './retry-after.js';
import { checkOptionKeys } from './option-keys.js';
import { createRequestSlots } from './request-slots.js';
import { createRetryBudget } from './retry-budget.js';
import { createSendGate } from './send-gate.js';
import {
  afterAttempts,
  type CallPolicy,
  type CallRecord,
  sendWithRetries,
  type TransportConfig,
  triedOrigin,
} from './transport.js';
import { NEVER_ABORTED } from './abortable.js';

/** What a provider file tells the core about its API. */
export interface ProviderDefinition {
  /** Names the API in error messages. */
  name: string;
  /** Where the API lives; without one, the `baseUrl` option is required (a self-hosted cluster). */
  defaultBaseUrl?: string;
  /**
   * The server's own explanation inside a failed response's body, when its error format is not a
   * plain `message`, `error` or `detail` string (see `commonErrorMessage`).
   */
  errorMessage?(body: unknown): string | undefined;
  /** The machine-readable error code a failed response's body carries, when the API has one. */
  errorCode?(body: unknown): string | undefined;
  /**
   * The keys the client's options add to `ClientOptions` (`satisfies OwnOptionKeys<…>`): a key
   * neither has is refused. Kept apart from CLIENT_OPTION_KEYS rather than spread into one object,
   * which a bundler could not drop from an app that does not use this provider.
   */
  options: object;
  /** The keys a call's options add to `RequestOptions`, if any. */
  callOptions?: object;
}

/** One API operation, as the provider declares it. */
export interface Operation {
  /** As users call it, e.g. `memories.update`, for error messages. */
  name: string;
  /** Whether sending it twice has the same effect as once; decides what is retried. */
  idempotent: boolean;
}

/** What a client shares with the clients derived from it (`withWorkspace`). */
export interface ClientCore {
  provider: ProviderDefinition;
  baseUrl: string;
  headers: Record<string, string>;
  maxRetries: number;
  timeout: number;
  totalTimeout: number;
  transport: TransportConfig;
}

/** The options a core call hands to openapi-fetch. */
export interface CallInit {
  // A success's body is decoded by operationResult from the bytes received: openapi-fetch leaves it unread.
  parseAs: 'stream';
  /** The call's own `headers` option, checked. */
  headers: Record<string, string>;
  /** The call's policy and record, for the raw client's method to send with. */
  [CALL]: Call;
}

/** One call: what it asks for and what it reports back. */
interface Call {
  policy: CallPolicy;
  record: CallRecord;
}

// A symbol, so openapi-fetch neither hands it to `new Request` nor copies it onto the request.
const CALL = Symbol('memwire call');

/** What openapi-fetch resolves to with `parseAs: 'stream'`: a failure's body as text, or JSON. */
export interface TextResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

// RFC 9110's idempotent methods: how `raw` calls, which name no operation, are retried.
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Checks a client's options once, at construction; `credentials` makes the credential source from
 * them once they are known to be an object.
 */
export function createClientCore<Options extends ClientOptions>(
  provider: ProviderDefinition,
  options: Options,
  credentials: (options: Options) => CredentialSource,
): ClientCore {
  try {
    if (typeof options !== 'object' || options === null) {
      // Named by type only: `new Mielto(key)` must not put the key in the message.
      throw new InvalidArgumentError(`needs an options object, got ${options === null ? 'null' : typeof options}`);
    }
    checkOptionKeys('option', options, CLIENT_OPTION_KEYS, provider.options);
    const clock = options.clock ?? systemClock;
    const maxConcurrency = checkMaxConcurrency(options.maxConcurrency ?? Infinity);
    const { shareRetryAfter } = options;
    if (shareRetryAfter !== undefined && typeof shareRetryAfter !== 'boolean') {
      throw new InvalidArgumentError(`shareRetryAfter must be true or false, got ${typeof shareRetryAfter}`);
    }
    return {
      provider,
      baseUrl: checkBaseUrl(options.baseUrl ?? provider.defaultBaseUrl),
      headers: headerRecord(options.headers),
      maxRetries: checkMaxRetries(options.maxRetries ?? DEFAULT_MAX_RETRIES),
      timeout: checkTimeout(options.timeout ?? DEFAULT_TIMEOUT),
      totalTimeout: checkTimeout(options.totalTimeout ?? Infinity, 'totalTimeout'),
      transport: {
        provider: provider.name,
        credentials: credentials(options),
        fetch: checkedFetch(options.fetch),
        clock,
        budget: createRetryBudget(options.retryBudget),
        gate: shareRetryAfter === false ? undefined : createSendGate(clock),
        slots: maxConcurrency === Infinity ? undefined : createRequestSlots(maxConcurrency),
        random: options.random ?? Math.random,
        maxResponseBytes: checkMaxResponseBytes(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES),
        hooks: checkHooks(options.hooks),
        log: createLog(options.logger, options.logLevel),
      },
    };
  } catch (error) {
    throw inContext(error, `${provider.name}: `);
  }
}

/**
 * `error` with `prefix` (the provider, and the operation) before its message, unless it has it:
 * arguments are checked deep inside a call, by code that does not know which call it is.
 */
export function inContext(error: unknown, prefix: string): unknown {
  if (error instanceof MemwireError && !error.message.startsWith(prefix)) error.message = prefix + error.message;
  return error;
}

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
 * The typed openapi-fetch client over the retrying fetch, sending `headers` on every request
 * besides the caller's own. Its calls are retried by HTTP method (PUT yes, POST and PATCH only
 * when the server cannot have applied them) and named by method and path template
 * (`PUT /api/v1/memories/{memory_id}`). The operations call through it, with their own policy.
 */
export function createRawClient<Paths extends AnyPaths>(core: ClientCore, headers: Record<string, string>): RawClient<Paths> {
  const client = createClient<Paths>({
    baseUrl: core.baseUrl,
    headers: { ...core.headers, ...headers },
    pathSerializer: serializePath,
    bodySerializer: serializeJson,
    // No `fetch`: every call, below, hands openapi-fetch its own.
  });
  for (const method of METHODS) {
    const send = client[method] as (path: string, init?: object) => Promise<FetchResponse<object, object, 'text/plain'>>;
    (client as unknown as Record<string, unknown>)[method] = (path: string, init?: { [CALL]?: Call; body?: unknown }) => {
      const call = init?.[CALL] ?? rawCall(core, method, path);
      const { policy, record } = call;
      policy.template = path;
      // An operation's body is sentBody's, whose JSON serializeJson keeps: the same string openapi-fetch sends.
      if (init?.[CALL] && init.body !== undefined) policy.json = serializeJson(init.body);
      const sent = send(path, { ...init, fetch: (request: Request) => sendWithRetries(core.transport, request, policy, record) });
      // An operation makes its own ResponsePromise from the data it decodes.
      if (init?.[CALL]) return sent;
      return responsePromise(
        sent.then((result) => ({ ...result, ...callMetadata(result.response, record.attempts) })),
        ({ data, error, response }) => ({ data, error, response }),
      );
    };
  }
  // `request(method, path)` is that method's call, above; one openapi-fetch's types do not allow is a TypeError.
  const raw = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  raw.request = (method, path, init) => raw[(method as string).toUpperCase()]!(path, init);
  return client as unknown as RawClient<Paths>;
}

function rawCall(core: ClientCore, method: string, path: string): Call {
  return { policy: callPolicy(core, `${method} ${path}`, IDEMPOTENT_METHODS.has(method), undefined), record: newRecord() };
}

const newRecord = (): CallRecord => ({ attempts: 0, secrets: new Set() });

/**
 * Runs one operation through openapi-fetch (`send` makes the typed call with `init`) and
 * resolves to its parsed 2xx body, or throws the `MemwireError` that says what went wrong.
 */
export function callOperation<T>(
  core: ClientCore,
  operation: Operation,
  options: RequestOptions | undefined,
  send: (init: CallInit) => Promise<TextResult>,
): ResponsePromise<T>;
/**
 * With `unwrap`: resolves to what it takes out of the parsed body (an envelope's `data`, say);
 * `undefined` from it means the body is not the documented shape, an `InvalidResponseError`.
 */
export function callOperation<Body, T>(
  core: ClientCore,
  operation: Operation,
  options: RequestOptions | undefined,
  send: (init: CallInit) => Promise<TextResult>,
  unwrap: (body: Body) => T | undefined,
): ResponsePromise<T>;
export function callOperation(
  core: ClientCore,
  operation: Operation,
  options: RequestOptions | undefined,
  send: (init: CallInit) => Promise<TextResult>,
  unwrap: (body: unknown) => unknown = (body) => body,
): ResponsePromise<unknown> {
  return responsePromise(operationResult(core, operation, options, send, unwrap), (full) => full.data);
}

async function operationResult(
  core: ClientCore,
  operation: Operation,
  options: RequestOptions | undefined,
  send: (init: CallInit) => Promise<TextResult>,
  unwrap: (body: unknown) => unknown,
): Promise<WithResponse<unknown>> {
  const prefix = `${core.provider.name} ${operation.name}: `;
  const record = newRecord();
  let result: TextResult;
  try {
    const policy = callPolicy(core, operation.name, operation.idempotent, options);
    // Without the caller's, the call's signal would be that of openapi-fetch's Request, built with none: nothing aborts it.
    policy.signal ??= NEVER_ABORTED;
    policy.decodes = true;
    result = await send({ parseAs: 'stream', headers: headerRecord(options?.headers), [CALL]: { policy, record } });
  } catch (error) {
    if (error instanceof MemwireError) throw inContext(error, prefix);
    throw unreadable(prefix, error, record);
  }
  const { error, response } = result;
  if (!response.ok) throw errorFromResponse(errorInit(core, operation, response, error, record));
  // Decoded here from the bytes received, strictly: openapi-fetch's text would turn invalid UTF-8 into U+FFFD.
  let text: string;
  try {
    text = strictUtf8.decode(record.body ?? undefined);
  } catch (error) {
    // Not a decoding error (a TypeError): a body longer than a string can be (RangeError).
    if (!(error instanceof TypeError)) throw unreadable(prefix, error, record);
    throw new InvalidResponseError(errorInit(core, operation, response, undefined, record, 'the body is not valid UTF-8'));
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Cut short (after redaction, so no secret is cut in half): a header can be kilobytes long.
    const type = redact(response.headers.get('content-type') ?? 'no content type', record.secrets).slice(0, 100);
    const problem = text ? `the body is not JSON (${type})` : 'the body is empty';
    throw new InvalidResponseError(errorInit(core, operation, response, text, record, problem));
  }
  // Every operation's documented response is a JSON object, and so is what an unwrap takes from it.
  const value = isObject(body) ? unwrap(body) : undefined;
  if (!isObject(value)) {
    throw new InvalidResponseError(errorInit(core, operation, response, body, record, 'the body is not the documented shape'));
  }
  return { data: value, ...callMetadata(response, record.attempts) };
}

/** The error for a response that could not be read: decoding a body longer than a string can be, say. */
function unreadable(prefix: string, error: unknown, record: CallRecord): MemwireError {
  const cause = safeCause(error, record.secrets);
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new MemwireError(redact(`${prefix}the response could not be read (${reason})`, record.secrets), { cause });
}

// One for every call: without `stream`, each decode() starts afresh.
const strictUtf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function callPolicy(
  core: ClientCore,
  operation: string,
  idempotent: boolean,
  callOptions: RequestOptions | undefined,
): CallPolicy {
  const options = callOptions ?? {}; // `null` too, as JavaScript callers pass for "no options"
  checkOptionKeys('option', options, REQUEST_OPTION_KEYS, core.provider.callOptions ?? {});
  const { signal } = options;
  // Duck-typed, since a signal from another realm is not this one's class; `{ aborted: false }`
  // or a controller would fail later as a bare TypeError.
  if (signal !== undefined && typeof (signal as AbortSignal | null)?.removeEventListener !== 'function') {
    throw new InvalidArgumentError('signal must be an AbortSignal (controller.signal, not the controller)');
  }
  return {
    operation,
    idempotent,
    maxRetries: options.maxRetries === undefined ? core.maxRetries : checkMaxRetries(options.maxRetries),
    timeout: options.timeout === undefined ? core.timeout : checkTimeout(options.timeout),
    totalTimeout: options.totalTimeout === undefined ? core.totalTimeout : checkTimeout(options.totalTimeout, 'totalTimeout'),
    signal,
  };
}

/** What an error tells of a response, with every secret the call used redacted. */
function errorInit(
  core: ClientCore,
  operation: Operation,
  response: Response,
  body: unknown,
  record: CallRecord,
  // May quote the server (its content type), so it joins the message before redaction.
  problem?: string,
): ApiErrorInit {
  const { secrets } = record;
  const { status, headers } = response;
  const safeBody = redact(body, secrets);
  const explanation =
    record.note ??
    core.provider.errorMessage?.(safeBody) ??
    commonErrorMessage(safeBody) ??
    textMessage(safeBody) ??
    response.statusText;
  const message =
    `${core.provider.name} ${operation.name}: ${status} ${explanation}`.trim() + afterAttempts(record.attempts, record.unretried);
  return {
    // Redacted last: every piece of the message, the server's or not, is in it by now.
    message: redact(problem ? `${message}: ${problem}` : message, secrets),
    status,
    headers: redact(headers, secrets),
    body: safeBody,
    attempts: record.attempts,
    retryAfter: requestedDelay(headers, core.transport.clock.now()),
    code: core.provider.errorCode?.(safeBody),
    origin: triedOrigin(record),
  };
}

/** The `message`, `error` or `detail` string most JSON error bodies carry. */
function commonErrorMessage(body: unknown): string | undefined {
  return stringField(body, 'message') ?? stringField(body, 'error') ?? stringField(body, 'detail');
}

/** What a text body says: its first line, or that it is an HTML page (a proxy's, most likely). */
function textMessage(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  if (body.trimStart().startsWith('<')) return 'with an HTML page';
  const line = body.trim().split('\n', 1)[0];
  return line ? line.slice(0, 200) : undefined;
}

function checkBaseUrl(baseUrl: unknown): string {
  if (baseUrl === undefined) throw new InvalidArgumentError('needs a baseUrl');
  let url: URL | undefined;
  try {
    url = typeof baseUrl === 'string' ? new URL(baseUrl) : undefined;
  } catch {
    // left undefined: refused below
  }
  // Credentials in it would make every `new Request` throw an error that repeats the password.
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new InvalidArgumentError('baseUrl must be an absolute http(s) URL without credentials, query or fragment');
  }
  return url.href.replace(/\/+$/, '');
}
