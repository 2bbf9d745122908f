/**
 * Checks that a seed record has the required string fields, so a typo in a test's seed fails at
 * once rather than as a puzzling response later. Throws a `TypeError` naming the fields.
 *
 * @example
 * requireStrings('MemoryLayerFake.seed', seed, ['layerId', 'content']);
 */
export function requireStrings(owner: string, record: object, fields: readonly string[]): void {
  const values = record as Record<string, unknown>;
  if (fields.some((field) => typeof values[field] !== 'string')) {
    throw new TypeError(`${owner}: ${fields.join(' and ')} must be strings`);
  }
}
