import type { UpdateMemoryRequest } from '../../generated/supermemory.js';
import { describeRule, fieldMismatch, knownFields, type BodyCheck, type FieldRules } from './json-fields.js';
import { readJsonObject } from './json-object.js';

// The documented request fields, in the page's order (the first bad one is reported).
const UPDATE_FIELDS: FieldRules = { containerTag: 'string', newContent: 'string', id: 'string', content: 'string', metadata: 'object' };

/**
 * Reads a `PATCH /v4/memories` body. The page documents no error bodies, so the messages are the
 * fake's own, checked in this order: a body that is not a JSON object; `containerTag`, then
 * `newContent`, missing (an empty body counts as `{}`); any documented field of the wrong JSON
 * type (`null` included); an empty `containerTag` or `newContent` (`minLength: 1`); neither `id`
 * nor `content` to select the memory. Undocumented fields are ignored.
 *
 * @example
 * validateSupermemoryUpdate('{"containerTag": "user_123", "id": "mem_1"}');
 * // { ok: false, message: 'newContent is required' }
 */
export function validateSupermemoryUpdate(text: string): BodyCheck<UpdateMemoryRequest> {
  const body = readJsonObject(text);
  if (!body.ok && body.problem !== 'empty') {
    return invalid(body.problem === 'invalid-json' ? 'Request body must be valid JSON' : 'Request body must be a JSON object');
  }
  const value = body.ok ? body.value : {};
  for (const field of ['containerTag', 'newContent']) {
    if (!Object.hasOwn(value, field)) return invalid(`${field} is required`);
  }
  const mismatch = fieldMismatch(value, UPDATE_FIELDS);
  if (mismatch) return invalid(`${mismatch.field} must be ${describeRule(mismatch.expected)}`);
  for (const field of ['containerTag', 'newContent']) {
    if (value[field] === '') return invalid(`${field} must not be empty`);
  }
  if (!Object.hasOwn(value, 'id') && !Object.hasOwn(value, 'content')) return invalid('Either id or content is required');
  return { ok: true, value: knownFields(value, UPDATE_FIELDS) as UpdateMemoryRequest };
}

function invalid(message: string): BodyCheck<UpdateMemoryRequest> {
  return { ok: false, message };
}
