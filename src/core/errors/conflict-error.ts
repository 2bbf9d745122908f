import { ApiError } from './api-error.js';

/** 409: the request conflicts with the resource's current state. */
export class ConflictError extends ApiError {
  override name = 'ConflictError';
}
