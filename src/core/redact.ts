const REDACTED = '[redacted]';
/** What a container nested deeper than `MAX_DEPTH` becomes: no body needs more, and recursion stays bounded. */
export const TOO_DEEP = '[too deep]';
const MAX_DEPTH = 64;
/** Secrets shorter than this are redacted only as whole tokens, so a 1-character key cannot mangle every word. */
const SHORT = 4;

/**
 * A copy of `value` with every occurrence of each secret replaced, in strings, arrays, plain
 * objects (keys too) and Headers (names too) alike; containers deeper than 64 levels become
 * `"[too deep]"`. Errors pass what the server sent through this, since a server may echo the
 * credential back ("invalid key sk-…"), verbatim, JSON-escaped or percent-encoded, in any case.
 * Never throws.
 */
export function redact<T>(value: T, secrets: Iterable<string>): T {
  try {
    return redactValue(value, replacer([...secrets]), 0) as T;
  } catch {
    // An engine limit (a string grown past its maximum length) or a getter that throws gets here: show nothing of it.
    return UNREADABLE as T;
  }
}

const UNREADABLE = '[unreadable]';

type Replace = (text: string, marker?: string) => string;

/**
 * One replacer for all the secrets. Each character of a secret may arrive as itself, as `%XX` (its
 * UTF-8 bytes), as those bytes read as Latin-1, as `\uXXXX` or as a JSON short escape (`\/`), so
 * a server's escaped echo (a redirect Location, a JSON text) is found too; matching ignores case
 * (header names arrive lower-cased). Longest first, so `Bearer <key>` goes whole, not `Bearer `.
 * A short secret counts only where no letter or digit touches it: the character before it is
 * captured (no lookbehind, for older Safari) and put back.
 */
function replacer(secrets: string[]): Replace {
  const source = secrets
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((secret) => (secret.length < SHORT ? `(^|[^a-z0-9])${pattern(secret)}(?![a-z0-9])` : `()${pattern(secret)}`))
    .join('|');
  const found = source && new RegExp(source, 'gi');
  return (text, marker = REDACTED) =>
    found
      ? text.replace(found, (...match: unknown[]) => match.slice(1).find((group) => typeof group === 'string') + marker)
      : text;
}

function pattern(secret: string): string {
  let source = '';
  for (const char of secret) {
    const bytes = [...new TextEncoder().encode(char)];
    const literal = char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    const forms = [literal];
    forms.push(bytes.map((byte) => `%${hex(byte, 2)}`).join(''));
    // A header or status line read as Latin-1 shows each UTF-8 byte as a character of its own.
    if (bytes.length > 1) forms.push(String.fromCharCode(...bytes));
    forms.push(
      char
        .split('')
        .map((unit) => `\\\\u${hex(unit.charCodeAt(0), 4)}`)
        .join(''),
    );
    if (char === ' ') forms.push('\\+');
    if ('/"\\'.includes(char)) forms.push(`\\\\${literal}`); // JSON's short escapes: \/ \" \\
    source += `(?:${forms.join('|')})`;
  }
  return source;
}

const hex = (code: number, digits: number) => code.toString(16).padStart(digits, '0');

function redactValue(value: unknown, replace: Replace, depth: number): unknown {
  if (typeof value === 'string') return replace(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, replace, depth + 1));
  if (value instanceof Headers) {
    const headers = new Headers();
    value.forEach((headerValue, name) => {
      try {
        headers.append(replace(name, 'redacted'), replace(headerValue));
      } catch {
        // A name or value Headers refuses once redacted is left out rather than thrown.
      }
    });
    return headers;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [replace(key), redactValue(item, replace, depth + 1)]));
  }
  return value;
}
