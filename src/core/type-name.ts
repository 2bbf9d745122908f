/** What a value is, by its type only (`null` named as such, not `object`): option messages never show values. */
export function typeName(value: unknown): string {
  return value === null ? 'null' : typeof value;
}
