// Pydantic v2 validation errors, as FastAPI returns them in a 422 `{"detail": [...]}` body, and
// the few field checks the Mielto request models need.

/** One entry of a FastAPI 422 body's `detail` array. */
export interface PydanticError {
  readonly type: string;
  readonly loc: readonly (string | number)[];
  readonly msg: string;
  readonly input: unknown;
  readonly ctx?: Readonly<Record<string, unknown>>;
  /** Sent by FastAPI 0.100 to 0.110.1 only; the fake, like FastAPI since, never sends it. */
  readonly url?: string;
}

const MESSAGES: Readonly<Record<string, string>> = {
  missing: 'Field required',
  string_type: 'Input should be a valid string',
  list_type: 'Input should be a valid list',
  dict_type: 'Input should be a valid dictionary',
  model_attributes_type: 'Input should be a valid dictionary or object to extract fields from',
};

/**
 * A pydantic error of a known type, with its standard message. No docs `url`: FastAPI 0.110.2 and
 * later validate with `errors(include_url=False)`.
 *
 * @example
 * pydanticError('string_type', ['body', 'memory'], 42);
 * // { type: 'string_type', loc: ['body', 'memory'], msg: 'Input should be a valid string', input: 42 }
 */
export function pydanticError(type: string, loc: readonly (string | number)[], input: unknown): PydanticError {
  return { type, loc, msg: MESSAGES[type] ?? type, input };
}

/** How a model field is typed: `str`, `List[str]` or `Dict[str, Any]`. */
export type FieldKind = 'string' | 'string-list' | 'dict';

/** One field of a pydantic model, in declaration order. */
export interface FieldSpec {
  readonly name: string;
  readonly kind: FieldKind;
  /** Required fields report `missing` when absent. */
  readonly required: boolean;
  /** `Optional[...]` fields accept `null`. */
  readonly nullable: boolean;
}

/**
 * Validates `input` against a model's fields like pydantic v2 in lax mode, collecting every error
 * in field order. Unknown fields are ignored (pydantic's default `extra='ignore'`).
 *
 * @example
 * validateModel({ memory: 1 }, [{ name: 'memory', kind: 'string', required: true, nullable: false }], ['body']);
 * // [{ type: 'string_type', loc: ['body', 'memory'], input: 1, ... }]
 */
export function validateModel(input: unknown, fields: readonly FieldSpec[], loc: readonly (string | number)[]): PydanticError[] {
  if (!isPlainObject(input)) return [pydanticError('model_attributes_type', loc, input)];
  const errors: PydanticError[] = [];
  for (const field of fields) {
    const at = [...loc, field.name];
    if (!Object.hasOwn(input, field.name)) {
      if (field.required) errors.push(pydanticError('missing', at, input));
      continue;
    }
    const value = input[field.name];
    if (value === null && field.nullable) continue;
    errors.push(...checkKind(field.kind, value, at));
  }
  return errors;
}

function checkKind(kind: FieldKind, value: unknown, loc: readonly (string | number)[]): PydanticError[] {
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? [] : [pydanticError('string_type', loc, value)];
    case 'dict':
      return isPlainObject(value) ? [] : [pydanticError('dict_type', loc, value)];
    case 'string-list':
      if (!Array.isArray(value)) return [pydanticError('list_type', loc, value)];
      return value.flatMap((item: unknown, index) =>
        typeof item === 'string' ? [] : [pydanticError('string_type', [...loc, index], item)],
      );
  }
}

/**
 * Whether a value is a JSON object (not `null`, not an array).
 *
 * @example
 * isPlainObject({}); // true
 * isPlainObject([]); // false
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
