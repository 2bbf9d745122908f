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

// Headers that frame the message or describe one connection (RFC 9110 §7.6.1, RFC 9112): fetch
// and the connection set them, and a caller's value would break the request or smuggle another.
const MANAGED = /^(host|content-length|transfer-encoding|connection|keep-alive|upgrade|te|trailer)$/i;

/**
 * Checks every header in a caller's `headers` option (the client's or a call's), refusing framing
 * and hop-by-hop ones, and `authorization`, which memwire sets from the credentials on every
 * attempt (a signature belongs in a `beforeRequest` hook, which sees the request as sent).
 */
export function headerRecord(headers: Record<string, string> | undefined): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (/^authorization$/i.test(name)) {
      throw new InvalidArgumentError(`The headers option cannot set ${name}: memwire sets it from the credentials`);
    }
    if (MANAGED.test(name)) {
      throw new InvalidArgumentError(
        `The headers option cannot set ${name}: fetch and the connection manage it (a framing or hop-by-hop header)`,
      );
    }
    checked[name] = headerValue(name, value);
  }
  return checked;
}
