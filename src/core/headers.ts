import { InvalidArgumentError } from './errors/invalid-argument-error.js';

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

/** Checks every header in a caller's `headers` option. */
export function headerRecord(headers: Record<string, string> | undefined): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) checked[name] = headerValue(name, value);
  return checked;
}
