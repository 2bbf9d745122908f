import { MemwireError } from '../core/errors/memwire-error.js';
import { ValidationError } from '../core/errors/validation-error.js';
import type { MemoryToolError, MemoryToolResult } from './memory-tool.js';

/**
 * A failure as plain JSON, for a model or a JSON line: the error's class and message (redacted, as
 * every memwire message is), its 422 fields, and whether the write may have landed.
 *
 * @example
 * toolError(error); // { type: 'NotFoundError', message: 'Mielto: memories.update (PUT …) failed with 404 …', applied: 'no' }
 */
export function toolError(error: unknown): MemoryToolError {
  if (!(error instanceof MemwireError)) {
    return { type: 'Error', message: 'The tool failed unexpectedly; the write may have been applied.', applied: 'unknown' };
  }
  const applied = error.applied ?? 'no';
  const advice =
    applied === 'unknown'
      ? ' The write may have landed and was not sent again: check the memory before repeating it.'
      : applied === 'yes'
        ? ' The write was applied: do not send it again.'
        : '';
  return {
    type: error.name,
    message: error.message + advice,
    ...(error instanceof ValidationError && error.detail ? { fieldErrors: error.fieldErrors() } : {}),
    applied,
  };
}

/**
 * The result for a call refused before anything was sent (its arguments, its tool's name): what
 * is wrong, in sentences the model can act on.
 *
 * @example
 * refusedCall('`memroy` is not a field of mielto_update_memory; did you mean `memory`?');
 * // { ok: false, error: { type: 'InvalidArgumentError', message: '… Nothing was sent.', applied: 'no' } }
 */
export const refusedCall = (message: string): MemoryToolResult => ({
  ok: false,
  error: { type: 'InvalidArgumentError', message: `${message} Nothing was sent.`, applied: 'no' },
});
