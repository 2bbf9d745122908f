import { MemwireError } from './errors/memwire-error.js';
import { redact } from './redact.js';

// Enough for fetch's chains (TypeError -> SocketError -> ...), bounded against cycles.
const MAX_CHAIN = 5;

/**
 * What a fetch threw, as an error that is safe to keep as a `cause`: a plain `Error` copying only
 * `name`, `message`, `stack`, `code`, `syscall` and (likewise copied) `cause`, each redacted. The
 * original is dropped because its other own properties hold the server's text (a URL error's
 * `input` is the redirect's Location, a parser error's `data` the raw response). A `MemwireError`
 * is kept as it is. Never throws, even for a throwing getter or a Proxy.
 */
export function safeCause(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value !== 'object' && typeof value !== 'function') return redact(value, secrets);
  if (value === null) return value;
  if (depth === 0 && read(() => value instanceof MemwireError)) return value;
  const field = (name: string) => read(() => (value as Record<string, unknown>)[name]);
  const text = (name: string) => {
    const found = field(name);
    return typeof found === 'string' ? redact(found, secrets) : undefined;
  };
  const copy = new Error(text('message') ?? 'an error without a readable message');
  copy.name = text('name') ?? 'Error';
  copy.stack = text('stack') ?? `${copy.name}: ${copy.message}`;
  const extra: Record<string, unknown> = { code: text('code'), syscall: text('syscall') };
  if (depth < MAX_CHAIN && read(() => 'cause' in value)) extra.cause = safeCause(field('cause'), secrets, depth + 1);
  for (const [name, found] of Object.entries(extra)) {
    if (found !== undefined || name === 'cause') Object.defineProperty(copy, name, { value: found, writable: true, configurable: true });
  }
  return copy;
}

function read<T>(get: () => T): T | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}
