import { systemClock } from './clock.js';
import type { CredentialSource } from './credentials.js';
import { checkedFetch } from './checked-fetch.js';
import { InvalidArgumentError } from './errors/invalid-argument-error.js';
import { MemwireError } from './errors/memwire-error.js';
import { headerRecord } from './headers.js';
import { checkHooks } from './hooks.js';
import { createLog } from './log.js';
import { checkOptionKeys } from './option-keys.js';
import {
  checkMaxConcurrency,
  checkMaxResponseBytes,
  checkMaxRetries,
  checkTimeout,
  CLIENT_OPTION_KEYS,
  type ClientOptions,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT,
} from './options.js';
import { createRequestSlots } from './request-slots.js';
import { createRetryBudget } from './retry-budget.js';
import { createSendGate } from './send-gate.js';
import type { TransportConfig } from './transport/call-state.js';
import { typeName } from './type-name.js';

/** What a provider file tells the core about its API. */
export interface ProviderDefinition {
  /** Names the API in error messages. */
  name: string;
  /** Where the API lives; without one, the `baseUrl` option is required (a self-hosted cluster). */
  defaultBaseUrl?: string;
  /**
   * The server's own explanation inside a failed response's body, when its error format is not a
   * plain `message`, `error` or `detail` string.
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
  /** What a 404 may mean given what was sent (a missing workspace header, say), for its message. */
  notFoundHint?(headers: Headers): string | undefined;
  /** The environment variable each option defaults to where `process.env` can be read (`MIELTO_API_KEY`…). */
  env?: { apiKey?: string; baseUrl?: string; [option: string]: string | undefined };
}

/** What a client shares with the clients derived from it (`withWorkspace`). */
export interface ClientCore {
  provider: ProviderDefinition;
  baseUrl: string;
  /** The `headers` option, checked. */
  headers: Record<string, string>;
  maxRetries: number;
  timeout: number;
  totalTimeout: number;
  transport: TransportConfig;
}

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
      throw new InvalidArgumentError(`needs an options object, got ${typeName(options)}`);
    }
    checkOptionKeys('option', options, CLIENT_OPTION_KEYS, provider.options);
    return {
      provider,
      baseUrl: checkBaseUrl(options.baseUrl ?? provider.defaultBaseUrl, provider.env?.baseUrl),
      headers: headerRecord(options.headers),
      maxRetries: checkMaxRetries(options.maxRetries ?? DEFAULT_MAX_RETRIES),
      timeout: checkTimeout(options.timeout ?? DEFAULT_TIMEOUT),
      totalTimeout: checkTimeout(options.totalTimeout ?? Infinity, 'totalTimeout'),
      transport: transportConfig(provider, options, credentials(options)),
    };
  } catch (error) {
    throw inContext(error, `${provider.name}: `);
  }
}

function transportConfig(provider: ProviderDefinition, options: ClientOptions, credentials: CredentialSource): TransportConfig {
  const clock = options.clock ?? systemClock;
  const maxConcurrency = checkMaxConcurrency(options.maxConcurrency ?? Infinity);
  const { shareRetryAfter } = options;
  if (shareRetryAfter !== undefined && typeof shareRetryAfter !== 'boolean') {
    throw new InvalidArgumentError(`shareRetryAfter must be true or false, got ${typeof shareRetryAfter}`);
  }
  return {
    provider: provider.name,
    credentials,
    fetch: checkedFetch(options.fetch),
    clock,
    budget: createRetryBudget(options.retryBudget),
    gate: shareRetryAfter === false ? undefined : createSendGate(clock),
    slots: maxConcurrency === Infinity ? undefined : createRequestSlots(maxConcurrency),
    random: options.random ?? Math.random,
    maxResponseBytes: checkMaxResponseBytes(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES),
    hooks: checkHooks(options.hooks),
    log: createLog(options.logger, options.logLevel),
  };
}

/**
 * `error` with `prefix` (the provider, and the operation) before its message, unless it has it:
 * arguments are checked deep inside a call, by code that does not know which call it is.
 */
export function inContext(error: unknown, prefix: string): unknown {
  if (error instanceof MemwireError && !error.message.startsWith(prefix)) error.message = prefix + error.message;
  return error;
}

function checkBaseUrl(baseUrl: unknown, variable: string | undefined): string {
  const orSet = variable ? `, or set ${variable}` : '';
  if (baseUrl === undefined) throw new InvalidArgumentError(`needs a baseUrl: pass the baseUrl option${orSet}`);
  if (baseUrl === '')
    throw new InvalidArgumentError(`baseUrl is empty: pass the API's URL${orSet}, or leave it out for the default`);
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

// The core and the headers of every client, for `raw(client)` (memwire/raw), which is no method
// of the clients so that they carry none of openapi-fetch.
const clientCores = new WeakMap<object, { core: ClientCore; headers: Record<string, string> }>();

/** Records what `raw(client)` needs of a client: its core, and the headers its own options add (a workspace). */
export function registerClient(client: object, core: ClientCore, headers: Record<string, string>): void {
  clientCores.set(client, { core, headers });
}

/** What `registerClient` recorded for `client`, or `undefined` when it is no memwire client. */
export const registeredClient = (client: object) => clientCores.get(client);
