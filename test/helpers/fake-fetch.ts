import type { FakeServer } from '../../src/testing/fake-server.js';

/**
 * A `fetch` that hands each request straight to the fake that owns its URL, without msw: like a
 * real fetch it rejects with the signal's reason when the request is aborted, and with a
 * TypeError when the fake drops the connection. The soak uses it because msw itself retains
 * memory per request in Node 20 (mswjs/msw#2537), which would hide what memwire does.
 */
export function fakeFetch(...fakes: FakeServer[]) {
  return (request: Request): Promise<Response> => {
    const fake = fakes.find((candidate) => request.url.startsWith(`${candidate.baseUrl}/`));
    if (!fake) return Promise.reject(new TypeError(`no fake serves ${request.url}`));
    const { signal } = request;
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- as a real fetch does: the reason may be anything
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- as a real fetch does: the reason may be anything
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      fake.handle(request).then((response) => {
        signal.removeEventListener('abort', onAbort);
        if (response.type === 'error') reject(new TypeError('fetch failed: the connection was dropped'));
        else resolve(response);
      }, reject);
    });
  };
}
