/** What `withResponse()` adds to a call's data: the final response and how the call went. */
export interface CallMetadata {
  /**
   * The final attempt's response (after any redirects memwire followed): its status, status text
   * and headers as received. Its body has already been read into `data`.
   */
  response: Response;
  /** The final response's `x-request-id`, to quote to the provider's support; `undefined` without one. */
  requestId: string | undefined;
  /** Every attempt the call made, 1 when the first succeeded. */
  attempts: number;
}

/** What an operation's `withResponse()` resolves to. */
export type WithResponse<T> = { data: T } & CallMetadata;

/**
 * What every memwire call returns: a Promise of the data, as before, with `withResponse()` for
 * the response, request id and attempt count of a successful call. The call starts at once;
 * `withResponse()` gives the same call's outcome, it does not send again.
 *
 * @example
 * const { data, requestId, attempts } = await mielto.memories.update('mem_1', patch).withResponse();
 */
export interface ResponsePromise<T, Full = WithResponse<T>> extends Promise<T> {
  /** The data with the final response, its `x-request-id` and the number of attempts. */
  withResponse(): Promise<Full>;
}

const ignore = () => {};

/**
 * A native Promise of `data(full)` with `withResponse()` giving `full`. Not a subclass: `await` and
 * `then` on a subclass leave V8's fast path, which cost every call measurable CPU.
 */
export function responsePromise<T, Full>(full: Promise<Full>, data: (full: Full) => T): ResponsePromise<T, Full> {
  const promise = full.then(data) as ResponsePromise<T, Full>;
  promise.withResponse = () => {
    // The caller handles a failure through what this returns: the data promise must not report it unhandled.
    promise.catch(ignore);
    return full;
  };
  return promise;
}

/** The metadata of a call whose final response is `response`. */
export const callMetadata = (response: Response, attempts: number): CallMetadata => ({
  response,
  requestId: response.headers.get('x-request-id') ?? undefined,
  attempts,
});
