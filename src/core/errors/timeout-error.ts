import { ConnectionError } from './connection-error.js';

/** An attempt got no complete response within `timeout` milliseconds. */
export class TimeoutError extends ConnectionError {
  override name = 'TimeoutError';
}
