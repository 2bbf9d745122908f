/**
 * A fetch that refuses the first connection the way Node's does for a closed port (a TypeError
 * whose cause has code ECONNREFUSED: nothing was sent), then lets the global fetch (msw) answer.
 */
export function refusedOnce() {
  let refused = false;
  return (request: Request) => {
    if (refused) return globalThis.fetch(request);
    refused = true;
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED', syscall: 'connect' });
    return Promise.reject(new TypeError('fetch failed', { cause }));
  };
}
