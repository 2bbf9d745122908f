import { InvalidArgumentError } from './errors/invalid-argument-error.js';
import { typeName } from './type-name.js';

/**
 * `value` percent-encoded as exactly one path segment, or an `InvalidArgumentError` when it
 * cannot be one. `new Request` resolves `.` and `..` segments (and servers decode `%2e`), so an
 * id like `..` would silently send the request to another resource: such ids, at any depth of
 * percent-encoding, are refused before anything is built.
 */
export function pathSegment(name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(`${name} must be a string, got ${typeName(value)}`);
  }
  if (value === '') throw new InvalidArgumentError(`${name} must not be empty`);
  if (isDotSegment(value)) {
    throw new InvalidArgumentError(`${name} ${JSON.stringify(value)} would change the request path ("." and ".." are not ids)`);
  }
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone UTF-16 surrogate has no UTF-8 form to percent-encode (URIError).
    throw new InvalidArgumentError(`${name} is not well-formed Unicode (it has a lone surrogate)`);
  }
}

/** Whether `value`, or any successive percent-decoding of it, is `.` or `..`. */
function isDotSegment(value: string): boolean {
  for (let form = value; ;) {
    if (form === '.' || form === '..') return true;
    let decoded: string;
    try {
      decoded = decodeURIComponent(form);
    } catch {
      return false; // not a valid escape: a server sees the literal text
    }
    if (decoded === form) return false;
    form = decoded;
  }
}

const PATH_PARAM = /\{([^{}]+)\}/g;

/**
 * openapi-fetch's `pathSerializer`: fills `{name}` with the checked, encoded param. A missing
 * param is refused rather than left as a literal `{name}` in the URL.
 */
export function serializePath(pathname: string, params: Record<string, unknown>): string {
  return pathname.replace(PATH_PARAM, (_, name: string) => pathSegment(name, params[name]));
}
