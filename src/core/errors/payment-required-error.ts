import { ApiError } from './api-error.js';

/**
 * 402: the account's credits or spending limit are used up. `code` tells which, where the provider
 * says (Mielto: `CREDIT_LIMIT_EXCEEDED` or `OVERAGE_LIMIT_EXCEEDED`). Never retried.
 */
export class PaymentRequiredError extends ApiError {
  override name = 'PaymentRequiredError';
}
