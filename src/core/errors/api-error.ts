import { MemwireError } from './memwire-error.js';

export interface ApiErrorInit {
  message: string;
  status: number;
  headers: Headers;
  body: unknown;
  attempts: number;
  /** Milliseconds the server asked to wait, read by `RateLimitError`. */
  retryAfter?: number | undefined;
  /** The provider's machine-readable error code, when its body carries one. */
  code?: string | undefined;
  /** The origin that answered. */
  origin?: string | undefined;
}

/**
 * A response came back, and it was not the success the API documents. Thrown with the subclass
 * for its status (see `errorFromResponse`); any status without one is a plain `ApiError`.
 */
export class ApiError extends MemwireError {
  override name = 'ApiError';
  // `declare`d fields are only set in the constructor: plain ones would be defined as undefined first.
  /** The HTTP status of the last attempt. */
  declare readonly status: number;
  /** The response headers of the last attempt. */
  declare readonly headers: Headers;
  /** The parsed JSON body, or the raw text when it is not JSON (an HTML error page, say). */
  declare readonly body: unknown;
  /** The server's `x-request-id`, to quote when asking the provider for help. */
  declare readonly requestId: string | undefined;
  /** How many attempts were made, retries included. */
  declare readonly attempts: number;
  /**
   * The machine-readable error code the provider's body carries: Mielto's `error_code` (such as
   * `CREDIT_LIMIT_EXCEEDED` or `OVERAGE_LIMIT_EXCEEDED`), OpenSearch's `error.type` (such as
   * `illegal_argument_exception`); `undefined` when the body has none.
   *
   * @example
   * if (error instanceof PaymentRequiredError && error.code === 'OVERAGE_LIMIT_EXCEEDED') notifyBilling();
   */
  declare readonly code: string | undefined;
  /** The origin that answered (`https://api.mielto.com`): never a path or a query. */
  declare readonly origin: string | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.headers = init.headers;
    this.body = init.body;
    this.requestId = init.headers.get('x-request-id') ?? undefined;
    this.attempts = init.attempts;
    this.code = init.code;
    this.origin = init.origin;
  }
}
