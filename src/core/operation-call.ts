import { type ClientCore, inContext } from './client-core.js';
import { decodeAnswer } from './decode-answer.js';
import { InvalidArgumentError } from './errors/invalid-argument-error.js';
import { headerRecord } from './headers.js';
import { type BodyRule, checkedBody } from './json-body.js';
import { checkOptionKeys } from './option-keys.js';
import { checkMaxRetries, checkTimeout, REQUEST_OPTION_KEYS, type RequestOptions } from './options.js';
import { serializePath } from './path.js';
import { type ResponsePromise, responsePromise, type WithResponse } from './response-promise.js';
import { NEVER_ABORTED } from './abortable.js';
import type { OperationDescription } from './operation.js';
import type { CallRequest } from './transport/call-state.js';
import { sendCall } from './transport/call.js';
import { withApplied } from './transport/outcome.js';

/** One call of an operation, as a provider's method hands it over. */
export interface OperationCall {
  /** The operation (from the spec) and how its body is named in messages. */
  rule: BodyRule;
  /** The path parameters, by their spec names. */
  params: Readonly<Record<string, unknown>>;
  body: unknown;
  options: RequestOptions | undefined;
  /** The headers the client's own options add (a workspace), if any, over the `headers` option. */
  clientHeaders?: Readonly<Record<string, string>> | undefined;
  /** This call's provider headers, over everything; `null` sends none of that name. */
  callHeaders?: Readonly<Record<string, string | null>> | undefined;
  /** A provider's own rule for the body, past its fields: throws an `InvalidArgumentError`. */
  check?: ((body: Record<string, unknown>) => void) | undefined;
}

/**
 * Runs one operation, `name` as users call it: checks its arguments (`describe` reads them),
 * sends it through the transport, and resolves to the documented body of its 2xx (or what
 * `unwrap` takes from it: an envelope's `data`), or rejects with the `MemwireError` that says
 * what went wrong. Nothing is sent when an argument is refused.
 */
export function callOperation<T>(
  core: ClientCore,
  name: string,
  describe: () => OperationCall,
  unwrap?: (body: never) => unknown,
): ResponsePromise<T> {
  const prefix = `${core.provider.name} ${name}: `;
  let request: CallRequest;
  let operation: OperationDescription;
  try {
    const call = describe();
    operation = call.rule.operation;
    request = callRequest(core, call);
  } catch (error) {
    return responsePromise(Promise.reject(withApplied(inContext(error, prefix) as Error, 'no')), () => undefined as T);
  }
  const answered = sendCall(core.transport, request).then(
    (answer) => decodeAnswer(core, answer, { operation, unwrap: unwrap as ((body: unknown) => unknown) | undefined }),
    (error: unknown) => {
      throw inContext(error, prefix);
    },
  );
  return responsePromise(answered as Promise<WithResponse<T>>, (full) => full.data);
}

/** The request the transport sends: the URL from the template, the headers, the checked body. */
function callRequest(core: ClientCore, call: OperationCall): CallRequest {
  const { operation } = call.rule;
  const options = call.options ?? {}; // `null` too, as JavaScript callers pass for "no options"
  checkOptionKeys('option', options, REQUEST_OPTION_KEYS, core.provider.callOptions ?? {});
  const signal = checkedSignal(options.signal) ?? NEVER_ABORTED;
  const maxRetries = options.maxRetries === undefined ? core.maxRetries : checkMaxRetries(options.maxRetries);
  const timeout = options.timeout === undefined ? core.timeout : checkTimeout(options.timeout);
  const totalTimeout =
    options.totalTimeout === undefined ? core.totalTimeout : checkTimeout(options.totalTimeout, 'totalTimeout');
  const headers = requestHeaders(core, call, options);
  const { json, body } = checkedBody(call.rule, call.body);
  call.check?.(body);
  const url = core.baseUrl + serializePath(operation.path, call.params);
  const { method, idempotent } = operation;
  return {
    operation: operation.call,
    template: operation.path,
    idempotent,
    method,
    url,
    headers,
    body: json,
    maxRetries,
    timeout,
    totalTimeout,
    signal,
  };
}

/** The client's headers, the client's own (a workspace), the call's `headers` option, then the call's own. */
function requestHeaders(core: ClientCore, call: OperationCall, options: RequestOptions): Headers {
  const headers = new Headers();
  // Each layer sets over the one before, whatever the case of its names.
  for (const layer of [core.headers, call.clientHeaders ?? {}, headerRecord(options.headers), call.callHeaders ?? {}]) {
    for (const [name, value] of Object.entries(layer)) {
      if (value === null) headers.delete(name);
      else headers.set(name, value);
    }
  }
  headers.set('content-type', 'application/json');
  return headers;
}

/**
 * The caller's signal, duck-typed, since a signal from another realm is not this one's class;
 * `{ aborted: false }` or a controller would fail later as a bare TypeError.
 */
export function checkedSignal(signal: unknown): AbortSignal | undefined {
  if (signal !== undefined && typeof (signal as AbortSignal | null)?.removeEventListener !== 'function') {
    throw new InvalidArgumentError('signal must be an AbortSignal (controller.signal, not the controller)');
  }
  return signal as AbortSignal | undefined;
}
