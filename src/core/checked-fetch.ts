import { InvalidArgumentError } from './errors/invalid-argument-error.js';
import { typeName } from './type-name.js';

/**
 * The caller's `fetch`, made to settle the way the global one does: always a promise, and a
 * TypeError that says so when it resolves to something that is not a Response (a mock returning
 * `undefined`, say), which the transport reports as a `ConnectionError`. `undefined` is "the global
 * `fetch`"; anything else that is not a function (a URL, a module's `{ fetch }`, `null`) is refused
 * at once, where it would otherwise fail every call as a retried "could not reach".
 */
export function checkedFetch(fetch: unknown): ((request: Request) => Promise<Response>) | undefined {
  if (fetch === undefined) return undefined;
  if (typeof fetch !== 'function') {
    // Named by type only, like every option: a string here may be a URL with credentials in it.
    throw new InvalidArgumentError(`fetch must be a function (request) => Promise<Response>, got ${typeName(fetch)}`);
  }
  const send = fetch as (request: Request) => unknown;
  return async (request) => {
    const response: unknown = await send(request);
    // Duck-typed: a fetch polyfill's Response is not the global class.
    if (typeof (response as Response | null)?.arrayBuffer !== 'function') {
      throw new TypeError(`fetch resolved to ${typeName(response)}, not a Response`);
    }
    return response as Response;
  };
}
