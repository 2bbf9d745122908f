import { ApiError, type ApiErrorInit } from './api-error.js';

/** 429: too many requests. Retried first; thrown when the retries are spent. */
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
  /** Milliseconds the server asked to wait (`retry-after-ms` or `Retry-After`), when it said. */
  declare readonly retryAfter: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    this.retryAfter = init.retryAfter;
  }
}
