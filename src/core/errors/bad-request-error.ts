import { ApiError } from './api-error.js';

/** 400: the server could not understand the request. */
export class BadRequestError extends ApiError {
  override name = 'BadRequestError';
}
