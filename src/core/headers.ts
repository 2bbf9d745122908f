import { InvalidArgumentError } from './errors/invalid-argument-error.js';
import { typeName } from './type-name.js';

// RFC 9110 token characters.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Visible ASCII with inner spaces or tabs. `Headers` would silently trim outer whitespace and
// throw a bare TypeError on CR, LF or NUL; other bytes are refused here so nothing is altered.
const HEADER_VALUE = /^[\x21-\x7e](?:[\x20-\x7e\t]*[\x21-\x7e])?$/;

/**
 * `value` when it can be sent unchanged as header `name`, else an `InvalidArgumentError`. The
 * message never repeats the value: headers may carry secrets.
 */
export function headerValue(name: string, value: unknown): string {
  if (!HEADER_NAME.test(name)) {
    throw new InvalidArgumentError(`"${name}" is not a valid header name`);
  }
  if (typeof value !== 'string' || !HEADER_VALUE.test(value)) {
    throw new InvalidArgumentError(`Header ${name} must be non-empty visible ASCII, without CR, LF or outer spaces`);
  }
  return value;
}

// Headers that frame the message or describe one connection (RFC 9110 §7.6.1, RFC 9112): fetch
// and the connection set them, and a caller's value would break the request or smuggle another.
const MANAGED = /^(host|content-length|transfer-encoding|connection|keep-alive|upgrade|te|trailer)$/i;

/**
 * Checks every header in a caller's `headers` option (the client's or a call's), in every form
 * `fetch` takes: a record of names to values, a `Headers`, or an iterable of `[name, value]` pairs
 * (an array, a `Map`). It refuses framing and hop-by-hop headers, and `authorization`, which
 * memwire sets from the credentials on every attempt (a signature belongs in a `beforeRequest`
 * hook, which sees the request as sent); `undefined` or `null` is none.
 *
 * The record it returns has the names in lower case, and a name given twice has its values joined
 * with ", ", as `Headers` would: records merged one over another (a call's over the client's) then
 * override by name whatever case each was given in.
 */
export function headerRecord(headers: unknown): Record<string, string> {
  const checked = new Headers();
  for (const [name, value] of headerPairs(headers)) {
    if (/^authorization$/i.test(name)) {
      throw new InvalidArgumentError(`The headers option cannot set ${name}: memwire sets it from the credentials`);
    }
    if (MANAGED.test(name)) {
      throw new InvalidArgumentError(
        `The headers option cannot set ${name}: fetch and the connection manage it (a framing or hop-by-hop header)`,
      );
    }
    // Checked first, so that `Headers` neither trims the value nor throws its own bare TypeError.
    checked.append(name, headerValue(name, value));
  }
  return Object.fromEntries(checked);
}

/**
 * The `[name, value]` pairs of a `headers` option, the value unchecked. An iterable (a `Headers`,
 * an array, a `Map`) must give pairs whose name and value are strings; messages name types, never
 * values, which may be secrets.
 */
function* headerPairs(headers: unknown): Generator<[string, unknown]> {
  if (headers === undefined || headers === null) return;
  if (typeof headers !== 'object') {
    throw new InvalidArgumentError(
      `headers must be an object of names to values, a Headers, or [name, value] pairs, got ${typeof headers}`,
    );
  }
  if (typeof (headers as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') {
    yield* Object.entries(headers);
    return;
  }
  let index = 0;
  for (const pair of headers as Iterable<unknown>) {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      throw new InvalidArgumentError(`headers entry ${index} must be a [name, value] pair of two strings, got ${shape(pair)}`);
    }
    yield [pair[0], pair[1]];
    index++;
  }
}

/** What a `headers` entry is, by its types only: `[string, number]`, `an array of 3`, `null`… */
function shape(entry: unknown): string {
  if (!Array.isArray(entry)) return typeName(entry);
  if (entry.length !== 2) return `an array of ${entry.length}`;
  return `[${entry.map(typeName).join(', ')}]`;
}

/**
 * The header an option scopes requests by (Mielto's `workspaceId` as `X-Workspace-Id`, say):
 * `undefined` adds nothing (a call keeps its client's), `null` none at all, and a value is checked
 * as that option, so an empty one (an empty environment variable) is named as such.
 */
export function scopeHeader(header: string, option: string, value: string | null | undefined): Record<string, string | null> {
  if (value == null) return value === null ? { [header]: null } : {};
  if (value === '') throw new InvalidArgumentError(`${option} is empty: pass an id, or null to send no ${header} header`);
  try {
    return { [header]: headerValue(header, value) };
  } catch {
    throw new InvalidArgumentError(`${option} must be visible ASCII without CR, LF or outer spaces (it is sent as ${header})`);
  }
}
