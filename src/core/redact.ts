const REDACTED = '[redacted]';

/**
 * A copy of `value` with every occurrence of each secret replaced, in strings, arrays, plain
 * objects and Headers alike. Errors pass what the server sent through this, since a server may echo
 * the credential back ("invalid key sk-…").
 */
export function redact<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  // Longest first, so `Bearer <key>` goes whole rather than leaving `Bearer ` behind.
  return redactValue(value, [...secrets].sort((a, b) => b.length - a.length)) as T;
}

function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactString(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value instanceof Headers) {
    const headers = new Headers();
    value.forEach((headerValue, name) => headers.append(name, redactString(headerValue, secrets)));
    return headers;
  }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redactString(key, secrets), redactValue(item, secrets)]),
    );
  }
  return value;
}

function redactString(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret) result = result.split(secret).join(REDACTED);
  }
  return result;
}
