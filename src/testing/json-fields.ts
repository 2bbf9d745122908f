// Field checks for JSON request bodies, for the fakes whose servers validate by JSON type
// (MemoryLayer, Supermemory, OpenSearch) rather than with pydantic.

/** A JSON value's type as a request validator names it. */
export type JsonKind = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

/** What a field must hold: a JSON kind, or `object-array` for an array of objects. */
export type FieldRule = JsonKind | 'object-array';

/** The rules for a body's fields, in the order they are checked (and so reported). */
export type FieldRules = Readonly<Record<string, FieldRule>>;

/** A checked request body, or the message of the 400 it earns. */
export type BodyCheck<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** The first field whose value breaks its rule. */
export interface FieldMismatch {
  readonly field: string;
  readonly expected: FieldRule;
  readonly actual: JsonKind;
}

/**
 * The JSON type of a parsed value.
 *
 * @example
 * jsonKind([1]); // 'array'
 * jsonKind(null); // 'null'
 */
export function jsonKind(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object';
}

/**
 * Whether a parsed value is a JSON object (not an array, not null).
 *
 * @example
 * isJsonObject({}); // true
 * isJsonObject([]); // false
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return jsonKind(value) === 'object';
}

/**
 * The first field present in `body` (in the order of `rules`) whose value breaks its rule.
 * Absent fields are fine: every field is optional here. `null` is a value like any other, so it
 * breaks every rule but `'null'`.
 *
 * @example
 * fieldMismatch({ content: 42 }, { content: 'string', metadata: 'object' });
 * // { field: 'content', expected: 'string', actual: 'number' }
 */
export function fieldMismatch(body: Readonly<Record<string, unknown>>, rules: FieldRules): FieldMismatch | undefined {
  for (const [field, expected] of Object.entries(rules)) {
    if (!Object.hasOwn(body, field)) continue;
    const value = body[field];
    if (!follows(value, expected)) return { field, expected, actual: jsonKind(value) };
  }
  return undefined;
}

/**
 * The fields of `body` that `rules` does not list, in the body's order.
 *
 * @example
 * unknownFields({ memory: 'x', messages: [] }, { memory: 'string' }); // ['messages']
 */
export function unknownFields(body: Readonly<Record<string, unknown>>, rules: FieldRules): string[] {
  return Object.keys(body).filter((field) => !Object.hasOwn(rules, field));
}

/**
 * A copy of `body` with only the fields `rules` lists (those present), for fakes that ignore
 * fields they do not know.
 *
 * @example
 * knownFields({ content: 'x', id: 'y' }, { content: 'string' }); // { content: 'x' }
 */
export function knownFields(body: Readonly<Record<string, unknown>>, rules: FieldRules): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([field]) => Object.hasOwn(rules, field)));
}

/**
 * A copy of the `fields` that `record` has, in the order of `fields`.
 *
 * @example
 * presentFields({ memory: 'x', additional_info: {} }, ['memory', 'tags']); // { memory: 'x' }
 */
export function presentFields<T extends object, K extends keyof T>(record: T, fields: readonly K[]): Pick<T, K> {
  return Object.fromEntries(
    fields.filter((field) => Object.hasOwn(record, field)).map((field) => [field, record[field]]),
  ) as Pick<T, K>;
}

/**
 * How a rule reads in an error message.
 *
 * @example
 * describeRule('object-array'); // 'an array of objects'
 */
export function describeRule(rule: FieldRule): string {
  if (rule === 'object-array') return 'an array of objects';
  if (rule === 'null') return 'null';
  return rule === 'array' || rule === 'object' ? `an ${rule}` : `a ${rule}`;
}

function follows(value: unknown, rule: FieldRule): boolean {
  if (rule !== 'object-array') return jsonKind(value) === rule;
  return Array.isArray(value) && value.every(isJsonObject);
}
