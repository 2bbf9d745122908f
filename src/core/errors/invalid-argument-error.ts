import { MemwireError } from './memwire-error.js';

/** An argument was caught before anything was sent: an id that would change the request path, a header value with CR or LF, an option out of range. Never retried. */
export class InvalidArgumentError extends MemwireError {
  override name = 'InvalidArgumentError';
}
