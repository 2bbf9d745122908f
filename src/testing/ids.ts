/**
 * A fresh id for a record the fake creates: `prefix` plus 20 random base-36 characters (about
 * 103 bits), from `crypto.getRandomValues` so it works in browsers too.
 *
 * @example
 * randomId('mem_'); // 'mem_k3v9q0x1…'
 */
export function randomId(prefix = ''): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return prefix + Array.from(bytes, (byte) => (byte % 36).toString(36)).join('');
}
