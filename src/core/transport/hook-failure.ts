import { HookError, type HookErrorInit } from '../errors/hook-error.js';
import { safeCause } from '../safe-cause.js';
import type { Call } from './call-state.js';
import type { Applied } from './outcome.js';

const APPLIED: Record<Applied, string> = {
  no: 'the write was not applied: it sent nothing, or the server refused it',
  yes: "the write was applied (error.data is the server's answer): do not send it again",
  unknown: 'the write may have been applied, and was not sent again',
};

/** The error for a hook that threw, rejected or did not settle, saying what became of the write. */
export function hookFailure(call: Call, init: HookErrorInit, failed = 'threw'): HookError {
  const answer = init.status === undefined ? '' : ` after a ${init.status}`;
  // What a hook throws may quote what it was given (a response that echoes the key): redacted like any cause.
  const cause = safeCause(init.cause, call.secrets);
  return new HookError(`${call.prefix}the ${init.hook} hook ${failed}${answer}: ${APPLIED[init.applied]}`, { ...init, cause });
}
