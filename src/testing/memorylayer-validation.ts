import type { MemoryUpdateRequest } from '../../generated/memorylayer.js';
import { memorylayerUpdateMemory } from '../../generated/memorylayer.operations.js';
import { describeRule, fieldMismatch, knownFields, type BodyCheck, type FieldRule, type FieldRules } from './json-fields.js';
import { readJsonObject } from './json-object.js';

// The JSON type of each documented field.
const TYPES: Readonly<Record<(typeof memorylayerUpdateMemory.fields)[number], FieldRule>> = {
  content: 'string',
  layerId: 'string',
  metadata: 'object',
};

// In the spec's order: the first bad field is the one reported.
const UPDATE_FIELDS: FieldRules = Object.fromEntries(memorylayerUpdateMemory.fields.map((field) => [field, TYPES[field]]));

/**
 * Reads a `PATCH /v1/memories/{id}` body. Messages follow the one MemoryLayer documents
 * ("Invalid request data: content must be a string"). An empty body is `{}`, as Express's JSON
 * parser reads it; `null` is a wrong type like any other; fields MemoryLayer does not document (`id`,
 * `embedding`, timestamps…) are ignored, so they cannot be written.
 *
 * @example
 * validateMemoryLayerUpdate('{"content": 42}');
 * // { ok: false, message: 'Invalid request data: content must be a string' }
 */
export function validateMemoryLayerUpdate(text: string): BodyCheck<MemoryUpdateRequest> {
  const body = readJsonObject(text);
  if (!body.ok && body.problem === 'empty') return { ok: true, value: {} };
  if (!body.ok) return invalid(body.problem === 'invalid-json' ? 'body must be valid JSON' : 'body must be an object');
  const mismatch = fieldMismatch(body.value, UPDATE_FIELDS);
  if (mismatch) return invalid(`${mismatch.field} must be ${describeRule(mismatch.expected)}`);
  return { ok: true, value: knownFields(body.value, UPDATE_FIELDS) };
}

function invalid(reason: string): BodyCheck<MemoryUpdateRequest> {
  return { ok: false, message: `Invalid request data: ${reason}` };
}
