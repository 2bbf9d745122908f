import type { MemwireError } from '../core/errors/memwire-error.js';

/**
 * One update: an operation by its agent-tool name and the flat input that tool takes (its path
 * parameters beside its body's fields).
 *
 * @example
 * const update: Update = { operation: 'mielto_update_memory', input: { memory_id: 'mem_1', memory: 'Prefers tea' } };
 */
export interface Update {
  /** `mielto_update_memory`, `supermemory_update_memory`, `opensearch_update_session`… */
  operation: string;
  input: Record<string, unknown>;
}

/**
 * What became of an update: `'updated'` (the server answered 2xx), `'failed'` (known not applied:
 * refused before sending, or by the server) or `'unknown'` (a write that may have landed, and was
 * not sent again).
 */
export type UpdateStatus = 'updated' | 'failed' | 'unknown';

/** One update's outcome, yielded as the update ends (so not in input order: `index` says which). */
export interface UpdateOutcome {
  /** The update's position in `updates`, from 0. */
  index: number;
  /** The update's operation as given (`''` when it had none). */
  operation: string;
  status: UpdateStatus;
  /** What the call resolved with (`'updated'`), or what the server answered before a hook failed. */
  result?: unknown;
  /**
   * Why it failed or may not have landed; also set on `'updated'` when the server answered 2xx
   * and an `afterResponse` hook failed after it (a `HookError` with `applied: 'yes'`).
   */
  error?: MemwireError;
}

/** Options for `applyUpdates`. */
export interface ApplyUpdatesOptions {
  /**
   * The most updates in flight at once. Each client's own `maxConcurrency`, retries, shared
   * `Retry-After` and pacing still apply within it.
   *
   * @default 4
   */
  concurrency?: number;
  /** Stops starting updates: those in flight run to their end and are yielded, then iteration ends. */
  signal?: AbortSignal | undefined;
  /**
   * Aborts the updates in flight: each then ends `'failed'` if nothing of it was sent, else
   * `'unknown'`. Abort `signal` too, or new updates keep starting.
   */
  inFlightSignal?: AbortSignal | undefined;
}
