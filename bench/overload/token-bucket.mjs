// The rate limiter of the rate-limit scenarios: `rate` requests a second, up to `burst` at once.
// The bucket starts full and refills continuously, as most gateways' limiters do.
import { performance } from 'node:perf_hooks';

export class TokenBucket {
  #tokens;
  #last = performance.now();

  constructor({ rate, burst }) {
    this.rate = rate;
    this.burst = burst;
    this.#tokens = burst;
  }

  /** Takes a token if one is there: whether the request may pass. */
  take() {
    const now = performance.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.rate);
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens--;
    return true;
  }
}
