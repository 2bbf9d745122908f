import type { LongTermMemoryUpdate, SessionMemoryUpdate, WorkingMemoryUpdate } from '../../generated/opensearch.js';
import { describeRule, fieldMismatch, unknownFields, type FieldRules } from './json-fields.js';
import { readJsonObject } from './json-object.js';
import type { OpenSearchFailure } from './opensearch-errors.js';

/** The memory types a container holds. Only `history` cannot be updated. */
export type OpenSearchMemoryType = 'sessions' | 'working' | 'long-term' | 'history';

/** The memory types the update API accepts. */
export type OpenSearchUpdatableType = Exclude<OpenSearchMemoryType, 'history'>;

/** Every memory type, in the order the page lists them. */
export const OPENSEARCH_MEMORY_TYPES: readonly OpenSearchMemoryType[] = ['sessions', 'working', 'long-term', 'history'];

/** An update body of any updatable type. */
export type OpenSearchMemoryUpdate = SessionMemoryUpdate | WorkingMemoryUpdate | LongTermMemoryUpdate;

// The fields each type takes, as the page lists them; each type takes no others.
const FIELDS: Readonly<Record<OpenSearchUpdatableType, FieldRules>> = {
  sessions: { additional_info: 'object' },
  working: { messages: 'object-array', structured_data: 'object', tags: 'object', additional_info: 'object' },
  'long-term': { memory: 'string', tags: 'object', additional_info: 'object' },
};

/** A checked value, or the OpenSearch error it earns. */
export type OpenSearchCheck<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: OpenSearchFailure };

/**
 * Checks the `{type}` path segment: `history` (which cannot be updated) and unknown types are a
 * 400 `illegal_argument_exception`.
 *
 * @example
 * checkMemoryType('history'); // { ok: false, failure: { status: 400, type: 'illegal_argument_exception', reason: … } }
 */
export function checkMemoryType(type: string): OpenSearchCheck<OpenSearchUpdatableType> {
  if (Object.hasOwn(FIELDS, type)) return { ok: true, value: type as OpenSearchUpdatableType };
  const reason =
    type === 'history'
      ? 'History memory cannot be updated'
      : `Invalid memory type [${type}]: must be one of [${Object.keys(FIELDS).join(', ')}]`;
  return badRequest('illegal_argument_exception', reason);
}

/**
 * Reads an update body for a memory type: a 400 `illegal_argument_exception` for a missing body,
 * `parse_exception` for one that is not a JSON object, then a 400 `illegal_argument_exception` for the first field the type does
 * not take, then for the first field of the wrong JSON type (`null` included).
 *
 * @example
 * checkMemoryUpdate('long-term', '{"messages": []}');
 * // reason: 'Field [messages] is not supported for memory type [long-term]'
 */
export function checkMemoryUpdate(type: OpenSearchUpdatableType, text: string): OpenSearchCheck<OpenSearchMemoryUpdate> {
  const body = readJsonObject(text);
  if (!body.ok) {
    // ml-commons' own words for a missing body (RestMLUpdateMemoryAction); the other two are illustrative.
    if (body.problem === 'empty') return badRequest('illegal_argument_exception', 'Update memory request has empty body');
    const reasons = { 'invalid-json': 'request body is not valid JSON', 'not-an-object': 'request body must be a JSON object' };
    return badRequest('parse_exception', reasons[body.problem]);
  }
  const rules = FIELDS[type];
  const [unknown] = unknownFields(body.value, rules);
  if (unknown !== undefined) return badRequest('illegal_argument_exception', `Field [${unknown}] is not supported for memory type [${type}]`);
  const mismatch = fieldMismatch(body.value, rules);
  if (mismatch) return badRequest('illegal_argument_exception', `Field [${mismatch.field}] must be ${describeRule(mismatch.expected)}`);
  return { ok: true, value: body.value };
}

function badRequest<T>(type: string, reason: string): OpenSearchCheck<T> {
  return { ok: false, failure: { status: 400, type, reason } };
}
