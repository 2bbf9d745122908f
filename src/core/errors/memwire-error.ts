/**
 * The base of every error memwire throws, so one `instanceof MemwireError` catches them all.
 * Every message reads the same way: the provider and the operation, what happened, and how many
 * attempts were made when there was more than one.
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
  /**
   * What the server may have done with the write when the call failed: `'no'` (nothing was sent,
   * or the server refused it), `'unknown'` (an attempt may have landed: do not send it again
   * blindly) or `'yes'` (it was applied, and something after failed). `undefined` on an error no
   * call made (a client's options refused).
   */
  declare applied?: 'no' | 'yes' | 'unknown';

  /**
   * What `JSON.stringify(error)` shows: `name`, `message` and the error's own fields (`status`,
   * `headers` as an object, `body`, `attempts`…), all as redacted as the error itself. A plain
   * Error would show only `{}`.
   */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) json[key] = value instanceof Headers ? Object.fromEntries(value) : value;
    return json;
  }
}
