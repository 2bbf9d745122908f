/**
 * A small deterministic stand-in for an embedding: eight numbers in [-1, 1] (three decimals)
 * derived from the text with FNV-1a. Different texts almost always give different vectors, so a
 * test can tell whether an update regenerated the embedding from the new content.
 *
 * @example
 * fakeEmbedding('I prefer dark mode'); // [0.412, -0.077, …] (always the same for this text)
 */
export function fakeEmbedding(text: string): number[] {
  return Array.from({ length: 8 }, (_, dimension) => {
    let hash = 0x811c9dc5 ^ dimension;
    for (const unit of text) hash = Math.imul(hash ^ (unit.codePointAt(0) as number), 0x01000193);
    return Math.round((((hash >>> 0) / 0xffffffff) * 2 - 1) * 1000) / 1000;
  });
}
