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
export class ResponsePromise<T, Full = WithResponse<T>> extends Promise<T> {
  // `then` and `catch` make plain Promises: they have no response to give.
  static override get [Symbol.species]() {
    return Promise;
  }

  readonly #full: Promise<Full>;

  /** @internal `data` picks the awaited value out of what `full` resolves to */
  constructor(full: Promise<Full>, data: (full: Full) => T) {
    let settle!: [(value: T) => void, (reason: unknown) => void];
    super((resolve, reject) => (settle = [resolve, reject]));
    full.then((value) => settle[0](data(value)), settle[1]);
    this.#full = full;
  }

  /** The data with the final response, its `x-request-id` and the number of attempts. */
  withResponse(): Promise<Full> {
    // The caller handles a failure through what this returns: the data promise must not report it unhandled.
    this.then(undefined, () => {});
    return this.#full;
  }
}

/** The metadata of a call whose final response is `response`. */
export const callMetadata = (response: Response, attempts: number): CallMetadata => ({
  response,
  requestId: response.headers.get('x-request-id') ?? undefined,
  attempts,
});
