import { ApiError } from './api-error.js';

/** 404: no such resource, or not in this workspace. */
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}
