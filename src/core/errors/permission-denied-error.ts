import { ApiError } from './api-error.js';

/** 403: the key is valid but may not do this (another owner's memory, say). */
export class PermissionDeniedError extends ApiError {
  override name = 'PermissionDeniedError';
}
