import { InvalidArgumentError } from './errors/invalid-argument-error.js';
import { checkOptionKeys, type OptionKeys } from './option-keys.js';

/** How the retry budget is tuned; each field has AWS's standard-mode value as its default. */
export interface RetryBudgetOptions {
  /**
   * Tokens the budget holds, and starts with.
   *
   * @default 500
   */
  capacity?: number | undefined;
  /**
   * Tokens a retry after an error response or a connection failure spends.
   *
   * @default 5
   */
  retryCost?: number | undefined;
  /**
   * Tokens a retry after a timeout spends: timeouts are the costliest failures for a server.
   *
   * @default 10
   */
  timeoutCost?: number | undefined;
  /**
   * Tokens a call that succeeds at its first attempt gives back. A call that succeeds after
   * retrying gives back what its last retry spent.
   *
   * @default 1
   */
  refund?: number | undefined;
}

const KEYS = { capacity: 1, retryCost: 1, timeoutCost: 1, refund: 1 } satisfies OptionKeys<RetryBudgetOptions>;

/** A client's retry tokens: spent by retries, given back by successes (AWS SDKs' retry quota). */
export interface RetryBudget {
  /** Takes a retry's tokens: what it spent, or `undefined` when the budget cannot pay. */
  spend(afterTimeout: boolean): number | undefined;
  /** Gives tokens back for a call that succeeded; `spent` is what its last retry spent, if any. */
  succeed(spent: number | undefined): void;
}

/**
 * The `retryBudget` option made into a budget: `undefined` (the default) or `true` for the
 * defaults, an object to tune them, `false` for none (every call retries up to `maxRetries`).
 */
export function createRetryBudget(option: unknown): RetryBudget | undefined {
  if (option === false) return undefined;
  const options = option === undefined || option === true ? {} : option;
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('retryBudget must be true, false or { capacity, retryCost, timeoutCost, refund }');
  }
  checkOptionKeys('retryBudget option', options, KEYS);
  const { capacity = 500, retryCost = 5, timeoutCost = 10, refund = 1 } = options as RetryBudgetOptions;
  for (const [name, value] of Object.entries({ capacity, retryCost, timeoutCost, refund })) {
    if (!Number.isFinite(value) || value < 0) {
      throw new InvalidArgumentError(`retryBudget.${name} must be a finite number of at least 0, got ${String(value)}`);
    }
  }
  let tokens = capacity;
  return {
    spend(afterTimeout) {
      const cost = afterTimeout ? timeoutCost : retryCost;
      if (cost > tokens) return undefined;
      tokens -= cost;
      return cost;
    },
    succeed(spent) {
      tokens = Math.min(capacity, tokens + (spent ?? refund));
    },
  };
}
