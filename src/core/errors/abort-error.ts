import { MemwireError } from './memwire-error.js';

/** The caller's `AbortSignal` fired. The signal's `reason` is the `cause`. Never retried. */
export class AbortError extends MemwireError {
  override name = 'AbortError';
}
