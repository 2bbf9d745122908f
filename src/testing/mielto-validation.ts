import type { MemoryReplace, MemoryUpdate } from '../../generated/mielto.js';
import { mieltoReplaceMemory, mieltoUpdateMemory } from '../../generated/mielto.operations.js';
import { readFastApiBody } from './fastapi-body.js';
import { validateModel, type FieldKind, type FieldSpec, type PydanticError } from './pydantic.js';

/** A validated Mielto request body, or the 422 `detail` entries. */
export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: PydanticError[] };

// Both bodies have these fields: one the spec adds to either fails to type-check below.
type MieltoField = (typeof mieltoUpdateMemory.fields)[number];

// How Mielto's models type each field; the spec gives which fields a body has and which are required.
const KINDS: Readonly<Record<MieltoField, FieldKind>> = {
  user_id: 'string',
  memory: 'string',
  topics: 'string-list',
  metadata: 'dict',
};

const UPDATE_FIELDS = modelFields(mieltoUpdateMemory);
const REPLACE_FIELDS = modelFields(mieltoReplaceMemory);

/**
 * Reads and validates a `MemoryUpdate` body as Mielto's FastAPI server would.
 *
 * @example
 * validateMemoryUpdate('{"topics": "coffee"}', 'application/json');
 * // { ok: false, errors: [{ type: 'list_type', loc: ['body', 'topics'], ... }] }
 */
export function validateMemoryUpdate(text: string, contentType: string | null): Validated<MemoryUpdate> {
  return validate<MemoryUpdate>(text, contentType, UPDATE_FIELDS);
}

/**
 * Reads and validates a `MemoryReplace` body (`memory` required) as Mielto's FastAPI server would.
 *
 * @example
 * validateMemoryReplace('{}', 'application/json');
 * // { ok: false, errors: [{ type: 'missing', loc: ['body', 'memory'], input: {}, ... }] }
 */
export function validateMemoryReplace(text: string, contentType: string | null): Validated<MemoryReplace> {
  return validate<MemoryReplace>(text, contentType, REPLACE_FIELDS);
}

function validate<T>(text: string, contentType: string | null, fields: readonly FieldSpec[]): Validated<T> {
  const body = readFastApiBody(text, contentType);
  if (!body.ok) return body;
  const errors = validateModel(body.value, fields, ['body']);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: body.value as T };
}

/** A model's fields in the spec's order, which pydantic reports errors in. */
function modelFields(operation: { readonly fields: readonly MieltoField[]; readonly required: readonly string[] }): FieldSpec[] {
  return operation.fields.map((name) => {
    const required = operation.required.includes(name);
    // Mielto declares every optional field `Optional[...] = None`, and no required one nullable.
    return { name, kind: KINDS[name], required, nullable: !required };
  });
}
