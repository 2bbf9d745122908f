import { InvalidArgumentError } from './errors/invalid-argument-error.js';

/**
 * The keys of an options type, as an object TypeScript checks against it: declared with
 * `satisfies OptionKeys<SomeOptions>`, it fails to compile while a key is missing or extra, so
 * the list the runtime checks never drifts from the type.
 */
export type OptionKeys<Options> = Record<KeysOfUnion<Options>, 1>;

/** The keys an options type adds to `Base`'s (a provider's own options, say). */
export type OwnOptionKeys<Options, Base> = OptionKeys<Omit<Options, keyof Base>>;

/** Every key of every member of a union (`keyof` alone gives only the keys all members share). */
type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/**
 * Refuses a key of `options` that `known` does not have: a misspelled option would otherwise be
 * ignored without a word (`baseURL` would send the real key to the default host). The message
 * names the known key it is closest to.
 */
export function checkOptionKeys(what: string, options: object, ...known: object[]): void {
  for (const key of Object.keys(options)) {
    if (!known.some((keys) => Object.hasOwn(keys, key))) {
      const near = closest(
        key,
        known.flatMap((keys) => Object.keys(keys)),
      );
      throw new InvalidArgumentError(`unknown ${what} ${JSON.stringify(key)}${near ? ` (did you mean "${near}"?)` : ''}`);
    }
  }
}

/** The known key a typo most likely meant: the same name in another case, one that contains it, or one within two edits. */
function closest(key: string, known: string[]): string | undefined {
  const typed = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of known) {
    const lower = name.toLowerCase();
    const distance = typed.length > 3 && lower.includes(typed) ? 1 : editDistance(typed, lower);
    if (distance < bestDistance) [best, bestDistance] = [name, distance];
  }
  return best;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}
