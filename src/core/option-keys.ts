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
      const near = closest(key, known.flatMap(Object.keys));
      throw new InvalidArgumentError(`unknown ${what} ${JSON.stringify(key)}${near ? ` (did you mean "${near}"?)` : ''}`);
    }
  }
}

/**
 * The known key a typo most likely meant: the same name in another case (`baseURL`, `timeOut`),
 * or one that contains it or is contained in it (`workspace`, `retries`, `header`).
 */
function closest(key: string, known: string[]): string | undefined {
  const typed = key.toLowerCase();
  return (
    known.find((name) => name.toLowerCase() === typed) ??
    known.find((name) => typed.length > 3 && (name.toLowerCase().includes(typed) || typed.includes(name.toLowerCase())))
  );
}
