import { ApiError } from './api-error.js';

/** A status of 500 or above: the provider failed. Retried first when the status allows it. */
export class ServerError extends ApiError {
  override name = 'ServerError';
}
