import { ApiError } from './api-error.js';

/**
 * The server answered with a success status, but the body is not the JSON the API documents (an
 * HTML page from a proxy, a truncated body). The write may have been applied, so it is not retried.
 */
export class InvalidResponseError extends ApiError {
  override name = 'InvalidResponseError';
}
