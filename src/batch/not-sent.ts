import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js';

/**
 * The error for an update refused before any call (its shape, its operation, its input, a missing
 * client, a line that is not JSON): it says so, and that the write was not applied. The agent
 * tools say the same of their arguments as plain JSON (memory-tools.ts).
 *
 * @example
 * notSent('`memroy` is not a field of mielto_update_memory; did you mean `memory`?');
 * // InvalidArgumentError: '… did you mean `memory`? Nothing was sent.', applied: 'no'
 */
export function notSent(problem: string): InvalidArgumentError {
  const error = new InvalidArgumentError(`${problem} Nothing was sent.`);
  error.applied = 'no';
  return error;
}
