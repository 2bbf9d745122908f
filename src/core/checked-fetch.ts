/**
 * The caller's `fetch`, made to settle the way the global one does: always a promise, and a
 * TypeError that says so when it resolves to something that is not a Response (a mock returning
 * `undefined`, say), which the transport reports as a `ConnectionError`.
 */
export function checkedFetch(
  fetch: ((request: Request) => Promise<Response>) | undefined,
): ((request: Request) => Promise<Response>) | undefined {
  return (
    fetch &&
    (async (request) => {
      const response: unknown = await fetch(request);
      // Duck-typed: a fetch polyfill's Response is not the global class.
      if (typeof (response as Response | null)?.arrayBuffer !== 'function') {
        throw new TypeError(`fetch resolved to ${response === null ? 'null' : typeof response}, not a Response`);
      }
      return response as Response;
    })
  );
}
