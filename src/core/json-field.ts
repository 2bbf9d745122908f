/** `body[key]`: a field of a parsed JSON body, `undefined` when there is no such field (or no body). */
export function jsonField(body: unknown, key: string): unknown {
  return (body as Partial<Record<string, unknown>> | null | undefined)?.[key];
}

/** `body[key]` when that field is a non-empty string, else `undefined`. */
export function stringField(body: unknown, key: string): string | undefined {
  const value = jsonField(body, key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
