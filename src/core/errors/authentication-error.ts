import { ApiError } from './api-error.js';

/** 401: the API key is missing, wrong or expired. */
export class AuthenticationError extends ApiError {
  override name = 'AuthenticationError';
}
