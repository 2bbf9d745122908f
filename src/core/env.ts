/**
 * An environment variable where `process.env` can be read, `undefined` elsewhere (browsers, whose
 * bundles define `globalThis.process` away) or when empty: an empty variable counts as unset. Deno
 * without `--allow-env` throws on reading, which means unset too.
 */
export function envVar(name: string): string | undefined {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name] || undefined;
  } catch {
    return undefined;
  }
}

/**
 * `options` with each unset option (`undefined`) taken from its environment variable, if that is
 * set: an option given always wins, `null` included.
 */
export function withEnv<Options extends object>(options: Options, variables: Partial<Record<keyof Options, string>>): Options {
  if (typeof options !== 'object' || options === null) return options;
  const filled = { ...options } as Record<string, unknown>;
  for (const [option, variable] of Object.entries(variables) as [string, string][]) {
    if (filled[option] === undefined) {
      const value = envVar(variable);
      if (value !== undefined) filled[option] = value;
    }
  }
  return filled as Options;
}
