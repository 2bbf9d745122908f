import { HookError } from '../core/errors/hook-error.js';
import { MemwireError } from '../core/errors/memwire-error.js';
import type { UpdateOutcome } from './update.js';

type Ended = Omit<UpdateOutcome, 'index' | 'operation'>;

/** An update whose call resolved. */
export const updated = (result: unknown): Ended => ({ status: 'updated', result });

/**
 * An update whose call threw, by what the error says became of the write: `'no'` is `failed`,
 * `'yes'` (a hook failed after a 2xx) is `updated` with the server's answer, and anything else
 * (`'unknown'`, or an error memwire did not make) is `unknown`: it may have landed.
 */
export function failedWith(error: unknown): Ended {
  if (!(error instanceof MemwireError)) {
    // Not memwire's error, so not redacted: only its class's name is kept.
    const name = error instanceof Error ? error.name : typeof error;
    const wrapped = new MemwireError(`The update failed unexpectedly (${name}), and may have been applied.`);
    wrapped.applied = 'unknown';
    return { status: 'unknown', error: wrapped };
  }
  const applied = error.applied ?? 'no';
  if (applied === 'no') return { status: 'failed', error };
  if (applied === 'yes') return { status: 'updated', result: error instanceof HookError ? error.data : undefined, error };
  return { status: 'unknown', error };
}
