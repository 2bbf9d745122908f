import type { MemoryReplace, MemoryUpdate } from '../../generated/mielto.js';
import { readFastApiBody } from './fastapi-body.js';
import { validateModel, type FieldSpec, type PydanticError } from './pydantic.js';

/** A validated Mielto request body, or the 422 `detail` entries. */
export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: PydanticError[] };

// Field order matters: pydantic reports errors in declaration order (spec/mielto.yaml).
const UPDATE_FIELDS: readonly FieldSpec[] = [
  { name: 'user_id', kind: 'string', required: false, nullable: true },
  { name: 'memory', kind: 'string', required: false, nullable: true },
  { name: 'topics', kind: 'string-list', required: false, nullable: true },
  { name: 'metadata', kind: 'dict', required: false, nullable: true },
];

const REPLACE_FIELDS: readonly FieldSpec[] = [
  { name: 'user_id', kind: 'string', required: false, nullable: true },
  { name: 'memory', kind: 'string', required: true, nullable: false },
  { name: 'topics', kind: 'string-list', required: false, nullable: true },
  { name: 'metadata', kind: 'dict', required: false, nullable: true },
];

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
