/** One request a fake received, as the fake saw it. */
export interface RecordedRequest {
  readonly method: string;
  /** The full request URL, query string included. */
  readonly url: string;
  /** The path's segments, each percent-decoded once (a malformed one is kept as sent). */
  readonly path: readonly string[];
  /** A copy of the request headers, `authorization` included: the log never leaves memory. */
  readonly headers: Headers;
  /** The body parsed as JSON, else its raw text, or `undefined` when the body was empty. */
  readonly body: unknown;
  /** The provider's scope for the request (Mielto: the `X-Workspace-Id` header), else `null`. */
  readonly workspaceId: string | null;
  /**
   * The status the fake answered with, `'dropped'` when it dropped the connection, or
   * `'pending'` while the request is still being handled (held by `delayNext`).
   */
  readonly outcome: number | 'dropped' | 'pending';
}

/** A place in the log reserved when a request arrives, filled once its body is read and again once answered. */
export interface LogTicket {
  fill(record: RecordedRequest): void;
}

/**
 * The requests a fake has received, in arrival order. A slot is reserved the moment a request
 * arrives, so order never depends on how long the body takes to read or the answer to come.
 *
 * @example
 * const log = new RequestLog();
 * const ticket = log.reserve();
 * ticket.fill({ ...record, outcome: 'pending' });
 * ticket.fill({ ...record, outcome: 200 });
 * log.list(); // [{ ...record, outcome: 200 }]
 */
export class RequestLog {
  #slots: (RecordedRequest | undefined)[] = [];

  /** Reserves the next slot. A ticket from before a {@link clear} fills nothing. */
  reserve(): LogTicket {
    const slots = this.#slots;
    const index = slots.push(undefined) - 1;
    return { fill: (record) => void (slots[index] = record) };
  }

  /** The requests received so far (once their body is read), in arrival order. */
  list(): readonly RecordedRequest[] {
    return this.#slots.filter((record): record is RecordedRequest => record !== undefined);
  }

  /** Forgets every request, including ones still in flight. */
  clear(): void {
    this.#slots = [];
  }
}

/**
 * How the log stores a body: parsed JSON when it parses, else the raw text, `undefined` if empty.
 *
 * @example
 * loggedBody('{"memory":"x"}'); // { memory: 'x' }
 * loggedBody('not json'); // 'not json'
 */
export function loggedBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
