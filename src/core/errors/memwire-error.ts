/**
 * The base of every error memwire throws, so one `instanceof MemwireError` catches them all.
 *
 * @example
 * try {
 *   await mielto.memories.update(id, patch);
 * } catch (error) {
 *   if (error instanceof MemwireError) console.error(error.message);
 * }
 */
export class MemwireError extends Error {
  override name = 'MemwireError';
}
