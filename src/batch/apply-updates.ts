import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js';
import { RateLimitError } from '../core/errors/rate-limit-error.js';
import { checkOptionKeys, type OptionKeys } from '../core/option-keys.js';
import type { MemoryClients } from '../tools/memory-tool.js';
import { notSent } from './not-sent.js';
import { failedWith, updated } from './outcome-of.js';
import { operationName, resolveUpdate } from './resolve-update.js';
import type { ApplyUpdatesOptions, Update, UpdateOutcome } from './update.js';

/** Updates in flight by default: a few hide a request's latency, and when a service pushes back (429) at most three more are already on their way to be refused. */
export const DEFAULT_CONCURRENCY = 4;

const OPTION_KEYS = { concurrency: 1, signal: 1, inFlightSignal: 1 } satisfies OptionKeys<ApplyUpdatesOptions>;

/**
 * Applies `updates` (any iterable or async iterable: an array, a file being read, a database
 * cursor), each through its client's own call with its retries, budget, pacing and workspace, and
 * yields each one's outcome as it ends. Updates are read only as slots free up, so memory stays
 * flat however many there are. One failure never stops the others; an update whose operation has
 * no client, or whose input its operation refuses, is `failed` and nothing is sent for it; a write
 * that may have landed is `unknown` and is never sent again.
 *
 * Leaving the loop early (`break`, a throw) stops starting updates and waits for those in flight.
 *
 * @example
 * for await (const outcome of applyUpdates({ mielto, supermemory }, updates, { concurrency: 8, signal })) {
 *   if (outcome.status !== 'updated') console.error(outcome.index, outcome.status, outcome.error?.message);
 * }
 */
export function applyUpdates(
  clients: MemoryClients,
  updates: Iterable<Update> | AsyncIterable<Update>,
  options: ApplyUpdatesOptions = {},
): AsyncIterableIterator<UpdateOutcome> {
  checkOptionKeys('applyUpdates option', options, OPTION_KEYS);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new InvalidArgumentError(`applyUpdates: concurrency must be a whole number of at least 1, got ${String(concurrency)}`);
  }
  if (!(Symbol.iterator in Object(updates) || Symbol.asyncIterator in Object(updates))) {
    throw new InvalidArgumentError(
      'applyUpdates: updates must be an iterable or an async iterable (an array, a generator, a stream of lines…)',
    );
  }
  return run(clients, updates, concurrency, options);
}

async function* run(
  clients: MemoryClients,
  updates: Iterable<unknown> | AsyncIterable<unknown>,
  concurrency: number,
  { signal, inFlightSignal }: ApplyUpdatesOptions,
): AsyncGenerator<UpdateOutcome> {
  const source = Symbol.asyncIterator in updates ? updates[Symbol.asyncIterator]() : updates[Symbol.iterator]();
  // Outcomes that ended and are not yet yielded. An update starts only while those in flight and
  // those waiting here are fewer than `concurrency`: a slow consumer holds the source back.
  const ended: UpdateOutcome[] = [];
  const state = { inFlight: 0, reading: false, exhausted: false, closed: false, index: 0 };
  let sourceError: { error: unknown } | undefined;
  let wake = () => {};
  const notify = () => wake();
  const stopped = () => state.closed || Boolean(signal?.aborted);

  const start = (update: unknown) => {
    const index = state.index++;
    state.inFlight++;
    void applyOne(clients, update, inFlightSignal).then((outcome) => {
      ended.push({ index, ...outcome });
      state.inFlight--;
      notify();
    });
  };

  // Reads and starts updates while there is room, beside the consumer: a source that is slow to
  // give its next update (a pipe, a cursor) never holds back an outcome that has ended.
  const fill = async () => {
    while (!state.exhausted && !state.reading && !stopped() && state.inFlight + ended.length < concurrency) {
      state.reading = true;
      try {
        const next = await source.next();
        if (next.done) state.exhausted = true;
        // Stopped while the source was being read: that update is not started.
        else if (!stopped()) start(next.value);
      } catch (error) {
        // The source failed: the updates in flight are still yielded, then its error is thrown.
        [state.exhausted, sourceError] = [true, { error }];
      } finally {
        state.reading = false;
      }
    }
    notify();
  };

  signal?.addEventListener('abort', notify);
  try {
    void fill();
    for (;;) {
      const outcome = ended.shift();
      if (outcome) {
        yield outcome;
        // The consumer asks for more: its slot is free.
        void fill();
        continue;
      }
      // Stopped, the source's next update is not waited for: it may never come (a terminal).
      const finished = state.exhausted ? !state.reading : stopped();
      if (state.inFlight === 0 && finished) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    if (sourceError) throw sourceError.error;
  } finally {
    signal?.removeEventListener('abort', notify);
    // Leaving early (break, a throw in the loop's body) starts nothing more, and lets what was started end.
    state.closed = true;
    while (state.inFlight > 0) await new Promise<void>((resolve) => (wake = resolve));
    // Not awaited when a read is pending: an async generator's return waits for it, which may be never.
    const closing = source.return?.();
    if (!state.reading) await closing;
  }
}

/** One update's call, as an outcome: never rejects. */
async function applyOne(
  clients: MemoryClients,
  update: unknown,
  signal: AbortSignal | undefined,
): Promise<Omit<UpdateOutcome, 'index'>> {
  let operation = '';
  let resolved;
  try {
    operation = operationName(update);
    resolved = resolveUpdate(update, clients);
  } catch {
    // A getter or a Proxy that threw (a database row's lazy field): its words are not shown.
    resolved = notSent('The update could not be read: a field threw.');
  }
  if (resolved instanceof InvalidArgumentError) return { operation, status: 'failed', error: resolved };
  const { entry, client, params, body } = resolved;
  for (let calls = 1; ; calls++) {
    try {
      return { operation, ...updated(await entry.call(client, params, body, signal ? { signal } : {})) };
    } catch (error) {
      const again = calls < RATE_LIMITED_CALLS && askedToWait(error, entry.operation.idempotent) && !signal?.aborted;
      if (!again) return { operation, ...failedWith(error) };
    }
  }
}

/**
 * Calls an update may take when each ends refused for the rate (429) with a wait asked: a 429
 * is never applied, and the client's shared wait and pacing space the calls, so a bulk run does not
 * lose an update to the few refusals a limit hands out as its pace settles.
 */
const RATE_LIMITED_CALLS = 3;

/**
 * A 429 that asked for a wait, after the call's own retries, of an update that may be sent again: an
 * idempotent one, or one whose call knows it was not applied. A 429 is never applied, but it says
 * nothing of an earlier attempt, or of the hop that redirected the write.
 */
const askedToWait = (error: unknown, idempotent: boolean) =>
  error instanceof RateLimitError && error.retryAfter !== undefined && (idempotent || error.applied === 'no');
