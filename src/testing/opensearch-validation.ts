import {
  opensearchUpdateLongTermMemory,
  opensearchUpdateSession,
  opensearchUpdateWorkingMemory,
} from '../../generated/opensearch.operations.js';
import { isJsonObject, presentFields } from './json-fields.js';
import type { OpenSearchFailure } from './opensearch-errors.js';

/** The memory types a container holds, as ml-commons' MemoryType names them. */
export type OpenSearchMemoryType = 'sessions' | 'working' | 'long-term' | 'history';

/** Every memory type, in ml-commons' enum order (the order its "Invalid memory type" message lists). */
export const OPENSEARCH_MEMORY_TYPES: readonly OpenSearchMemoryType[] = ['sessions', 'working', 'long-term', 'history'];

/** A checked value, or the OpenSearch error it earns. */
export type OpenSearchCheck<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: OpenSearchFailure };

// The spec's update of each type that has one: its fields are those the server copies into the
// stored document (TransportUpdateMemoryAction, 3.8). History has none.
const UPDATES = {
  sessions: opensearchUpdateSession,
  working: opensearchUpdateWorkingMemory,
  'long-term': opensearchUpdateLongTermMemory,
} as const;

type UpdatableType = keyof typeof UPDATES;

// The content fields whose update bumps `last_updated_time` (3.8's shouldBumpLastUpdatedTime);
// tags, pinned, metadata, additional_info and agents do not.
const CONTENT_FIELDS: { readonly [Type in UpdatableType]: readonly (typeof UPDATES)[Type]['fields'][number][] } = {
  sessions: ['summary'],
  working: ['messages', 'binary_data', 'structured_data', 'structured_data_blob'],
  'long-term': ['memory'],
};

/**
 * The one route every type's update is served on: the spec's paths, the segment where they differ
 * a `{type}` parameter, so that a type is matched case-insensitively and an unknown one gets
 * ml-commons' own 400.
 */
export const OPENSEARCH_UPDATE_ROUTE = {
  method: opensearchUpdateSession.method,
  path: typedPath(Object.values(UPDATES).map((update) => update.path)) as TypedPath<typeof opensearchUpdateSession.path>,
};

// What typedPath gives, as a type: the session path with `{type}` for its type segment.
type TypedPath<Path> = Path extends `${infer Head}/sessions/${infer Tail}` ? `${Head}/{type}/${Tail}` : never;

/**
 * Reads the `{type}` path segment as ml-commons' `MemoryType.fromString` does: matched
 * case-insensitively (`SESSIONS`, `Long-Term`), answered as the lower-case type; `history` is a
 * valid type here. Anything else is a 400 `illegal_argument_exception` naming the type as sent.
 *
 * @example
 * checkMemoryType('Long-Term'); // { ok: true, value: 'long-term' }
 * checkMemoryType('session');
 * // reason: 'Invalid memory type: session. Must be one of: sessions, working, long-term, history'
 */
export function checkMemoryType(type: string): OpenSearchCheck<OpenSearchMemoryType> {
  const lower = type.toLowerCase();
  const found = OPENSEARCH_MEMORY_TYPES.find((known) => known === lower);
  if (found) return { ok: true, value: found };
  return badRequest(
    'illegal_argument_exception',
    `Invalid memory type: ${type}. Must be one of: ${OPENSEARCH_MEMORY_TYPES.join(', ')}`,
  );
}

/**
 * Reads a non-empty update body as the REST layer does: it must start with a JSON object (else a
 * 400 `parsing_exception`, with XContentParserUtils' message naming the token found), and the
 * object must hold at least one key (`{}` is a 400 `illegal_argument_exception` "Text cannot be
 * null or empty", the message ml-commons kept from its 3.2 text-only update). The values are not
 * checked. The caller answers a missing body ("Update memory request has empty body") first.
 *
 * Where OpenSearch's answer comes from its JSON parser (a body that is not valid JSON), the fake
 * chooses: a 400 `parsing_exception` "Failed to parse object: the request body is not valid JSON".
 *
 * @example
 * checkMemoryUpdate('[1]');
 * // reason: 'Failed to parse object: expecting token of type [START_OBJECT] but found [START_ARRAY]'
 * checkMemoryUpdate('{}'); // reason: 'Text cannot be null or empty'
 */
export function checkMemoryUpdate(text: string): OpenSearchCheck<Record<string, unknown>> {
  let value: unknown;
  try {
    value = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    return badRequest('parsing_exception', 'Failed to parse object: the request body is not valid JSON');
  }
  if (value === undefined || !isJsonObject(value)) {
    return badRequest(
      'parsing_exception',
      `Failed to parse object: expecting token of type [START_OBJECT] but found [${firstToken(value)}]`,
    );
  }
  if (Object.keys(value).length === 0) return badRequest('illegal_argument_exception', 'Text cannot be null or empty');
  return { ok: true, value };
}

/**
 * The fields of `body` the server copies for `type`, in its order; every other key is skipped.
 *
 * @example
 * copiedFields('long-term', { memory: 'x', additional_info: {} }); // { memory: 'x' }
 */
export function copiedFields(type: OpenSearchMemoryType, body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return type === 'history' ? {} : presentFields(body, UPDATES[type].fields);
}

/**
 * Whether an update of `type` with `body` bumps `last_updated_time`: only its content fields do.
 *
 * @example
 * bumpsLastUpdatedTime('long-term', { tags: {} }); // false
 */
export function bumpsLastUpdatedTime(type: OpenSearchMemoryType, body: Readonly<Record<string, unknown>>): boolean {
  return type !== 'history' && CONTENT_FIELDS[type].some((field) => Object.hasOwn(body, field));
}

// The path the per-type paths share, with `{type}` where they differ.
function typedPath(paths: readonly string[]): string {
  const [first = [], ...others] = paths.map((path) => path.split('/'));
  return first.map((segment, index) => (others.every((other) => other[index] === segment) ? segment : '{type}')).join('/');
}

// The Jackson token a parsed JSON value starts with, as XContentParser.Token names it.
function firstToken(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null) return 'VALUE_NULL';
  if (Array.isArray(value)) return 'START_ARRAY';
  if (typeof value === 'string') return 'VALUE_STRING';
  if (typeof value === 'number') return 'VALUE_NUMBER';
  return 'VALUE_BOOLEAN';
}

function badRequest<T>(type: string, reason: string): OpenSearchCheck<T> {
  return { ok: false, failure: { status: 400, type, reason } };
}
