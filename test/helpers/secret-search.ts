import { ENCODINGS } from './echo-encodings.js';
import { inspect } from 'node:util';

/**
 * Where any of `secrets` shows in `error`: its message, stack, `String()`, `JSON.stringify`, its
 * inspection, and every own property (enumerable or not, symbols too) down the `cause` chain,
 * Headers and Maps included. Matching ignores case, and each secret is also looked for
 * percent-encoded, JSON-escaped (`\/`, `\uXXXX`) and as base64, so an escaped leak is found too. Bounded: a cycle or a deep
 * body is walked once, to a fixed depth.
 */
export function secretsShown(error: unknown, secrets: readonly string[]): string[] {
  const needles = secrets.flatMap((secret) => [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64').replace(/=+$/, ''),
    JSON.stringify(secret).slice(1, -1).replaceAll('/', '\\/'),
    secret.replace(/[^]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`),
    ...ENCODINGS.map(([, encode]) => encode(secret)),
  ]);
  const found: string[] = [];
  const check = (where: string, text: string) => {
    const lower = text.toLowerCase();
    for (const needle of needles)
      if (lower.includes(needle.toLowerCase())) found.push(`${where} shows ${JSON.stringify(needle)}`);
  };
  check(
    'String(error)',
    safely(() => String(error)),
  );
  check(
    'JSON.stringify(error)',
    safely(() => JSON.stringify(error) ?? ''),
  );
  check(
    'inspect(error)',
    safely(() => inspect(error, { depth: 8, showHidden: true })),
  );
  const seen = new Set<unknown>();
  const walk = (value: unknown, where: string, depth: number) => {
    if (typeof value === 'string') return check(where, value);
    if (typeof value !== 'object' || value === null) return check(where, String(value));
    if (seen.has(value) || depth > 30 || seen.size > 20_000) return;
    seen.add(value);
    if (value instanceof Headers) value.forEach((v, name) => check(`${where} header ${name}`, `${name}: ${v}`));
    if (value instanceof Map) value.forEach((v, k) => (walk(k, `${where} key`, depth + 1), walk(v, `${where}[…]`, depth + 1)));
    if (ArrayBuffer.isView(value))
      return check(where, Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1'));
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
      const item: unknown = 'value' in descriptor ? descriptor.value : safely(() => (value as Record<PropertyKey, string>)[key]!);
      check(`${where} key`, String(key));
      walk(item, `${where}.${String(key)}`, depth + 1);
    }
  };
  walk(error, 'error', 0);
  return found;
}

function safely(show: () => string): string {
  try {
    return show();
  } catch (error) {
    return `(threw ${String(error)})`;
  }
}
