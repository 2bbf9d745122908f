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
    return redactValue(value, matchers([...secrets]), 0) as T;
  } catch {
    // Only an engine limit (a string grown past its maximum length) gets here: show nothing of it.
    return UNREADABLE as T;
  }
}

const UNREADABLE = '[unreadable]';

type Matcher = (text: string, marker?: string) => string;

/**
 * One replacer per kind of secret. Each character of a secret may arrive as itself, as `%XX` (its
 * UTF-8 bytes), as those bytes read as Latin-1, as `\uXXXX` or as a JSON short escape (`\/`), so
 * a server's escaped echo (a redirect Location, a JSON text) is found too; matching ignores case
 * (header names arrive lower-cased). Longest first, so `Bearer <key>` goes whole, not `Bearer `.
 */
function matchers(secrets: string[]): Matcher[] {
  const patterns = (short: boolean) =>
    secrets
      .filter((secret) => secret && secret.length < SHORT === short)
      .sort((a, b) => b.length - a.length)
      .map(pattern)
      .join('|');
  const long = patterns(false);
  const short = patterns(true);
  const found: Matcher[] = [];
  if (long) {
    const anywhere = new RegExp(long, 'gi');
    found.push((text, marker = REDACTED) => text.replace(anywhere, marker));
  }
  // A short secret counts only when no letter or digit touches it (capture, not lookbehind, for older Safari).
  if (short) {
    const whole = new RegExp(`(^|[^a-z0-9])(?:${short})(?![a-z0-9])`, 'gi');
    found.push((text, marker = REDACTED) => text.replace(whole, (_, before: string) => before + marker));
  }
  return found;
}

const JSON_ESCAPES: Record<string, string> = { '/': '\\\\/', '"': '\\\\"', '\\': '\\\\\\\\' };

function pattern(secret: string): string {
  let source = '';
  for (const char of secret) {
    const bytes = [...new TextEncoder().encode(char)];
    const forms = [char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')];
    forms.push(bytes.map((byte) => `%${hex(byte, 2)}`).join(''));
    // A header or status line read as Latin-1 shows each UTF-8 byte as a character of its own.
    if (bytes.length > 1) forms.push(String.fromCharCode(...bytes));
    forms.push(char.split('').map((unit) => `\\\\u${hex(unit.charCodeAt(0), 4)}`).join(''));
    if (char === ' ') forms.push('\\+');
    if (JSON_ESCAPES[char]) forms.push(JSON_ESCAPES[char]);
    source += `(?:${forms.join('|')})`;
  }
  return source;
}

const hex = (code: number, digits: number) => code.toString(16).padStart(digits, '0');

function redactValue(value: unknown, found: Matcher[], depth: number): unknown {
  if (typeof value === 'string') return redactString(value, found);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, found, depth + 1));
  if (value instanceof Headers) {
    const headers = new Headers();
    value.forEach((headerValue, name) => {
      try {
        headers.append(redactString(name, found, 'redacted'), redactString(headerValue, found));
      } catch {
        // A name or value Headers refuses once redacted is left out rather than thrown.
      }
    });
    return headers;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redactString(key, found), redactValue(item, found, depth + 1)]),
    );
  }
  return value;
}

function redactString(text: string, found: Matcher[], marker?: string): string {
  return found.reduce((result, replace) => replace(result, marker), text);
}
