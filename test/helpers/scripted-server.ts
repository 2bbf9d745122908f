import { TestClock } from '../../src/testing/test-clock.js';

/** What the scripted server answers one request with: a status and headers, after `delay` ms. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** Milliseconds on the clock before the answer: the request is in flight until then. */
  delay?: number;
}

/** One request as the scripted server saw it. */
export interface Received {
  url: string;
  /** The clock's time when it arrived. */
  at: number;
}

const UPDATED = JSON.stringify({ memory_id: 'mem_1', message: 'Memory updated', memory: { memory_id: 'mem_1', memory: 'x' } });

/**
 * A `fetch` for a client that answers every request by `script(n)` (`n` counts from 0), on a
 * TestClock, with a Mielto update's body on a 2xx: the overload tests count what a server sees
 * (requests, their times, how many are in flight at once) without msw in between.
 */
export function scriptedServer(script: (n: number) => Answer, clock = new TestClock()) {
  const received: Received[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch = (request: Request): Promise<Response> => {
    const n = received.push({ url: request.url, at: clock.now() }) - 1;
    const { status, headers, delay = 0 } = script(n);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    return new Promise((resolve, reject) => {
      const answer = () => {
        inFlight--;
        request.signal.removeEventListener('abort', aborted);
        resolve(new Response(status < 300 ? UPDATED : '{"detail":"busy"}', { status, headers: headers ?? {} }));
      };
      const timer = clock.setTimeout(answer, delay);
      const aborted = () => {
        inFlight--;
        clock.clearTimeout(timer);
        reject(request.signal.reason as Error);
      };
      request.signal.addEventListener('abort', aborted, { once: true });
    });
  };
  return {
    clock,
    fetch,
    received,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
  };
}
