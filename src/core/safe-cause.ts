import { MemwireError } from './errors/memwire-error.js';
import { redact } from './redact.js';

/**
 * What a fetch threw, as an error that is safe to keep as a `cause`: a plain `Error` copying only
 * `name`, `message`, `stack`, `code`, `syscall` and (copied the same way, five deep at most)
 * `cause`, each redacted. The original is dropped because its other own properties hold the
 * server's text (a URL error's `input` is the redirect's Location, a parser error's `data` the raw
 * response). A `MemwireError` is kept as it is. Never throws, even for a throwing getter or a Proxy.
 */
export function safeCause(value: unknown, secrets: Iterable<string>, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return redact(value, secrets);
  const read = (name: string): unknown => {
    try {
      return name ? (value as Record<string, unknown>)[name] : value instanceof MemwireError;
    } catch {
      return undefined;
    }
  };
  if (!depth && read('')) return value;
  const text = (name: string) => {
    const found = read(name);
    return typeof found === 'string' ? redact(found, secrets) : undefined;
  };
  return Object.assign(new Error(text('message') ?? '(no readable message)'), {
    name: text('name') ?? 'Error',
    stack: text('stack'),
    code: text('code'),
    syscall: text('syscall'),
    cause: depth < 5 ? safeCause(read('cause'), secrets, depth + 1) : undefined,
  });
}
