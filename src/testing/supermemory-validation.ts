import type { UpdateMemoryRequest } from '../../generated/supermemory.js';
import { supermemoryUpdateMemory } from '../../generated/supermemory.operations.js';
import { isJsonObject } from './json-fields.js';
import { readJsonObject } from './json-object.js';

/** The `error` of every 400 the fake sends; `details` names the field and the rule it breaks. */
export const SUPERMEMORY_INVALID_REQUEST = 'Invalid request';

/** A checked update body, or the `details` of the 400 it earns. */
export type SupermemoryBodyCheck =
  { readonly ok: true; readonly value: UpdateMemoryRequest } | { readonly ok: false; readonly details: string };

/** `containerTag`'s pattern in Supermemory's schema. */
const CONTAINER_TAG = /^[a-zA-Z0-9_:-]+$/;
const CONTAINER_TAG_MAX_LENGTH = 100;
// RFC 3339 date-time: a date, `T`, a time with optional fraction, and `Z` or an offset.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

type Rule = (value: unknown) => string | undefined;

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

const stringRule: Rule = (value) => (isString(value) ? undefined : 'must be a string');

// The rule each field's value must follow; the spec gives which fields are required and their
// order (the first broken rule is reported).
const RULES: Readonly<Record<(typeof supermemoryUpdateMemory.fields)[number], Rule>> = {
  id: stringRule,
  content: stringRule,
  containerTag: containerTagRule,
  newContent: (value) =>
    !isString(value) ? 'must be a string' : value.length < 1 ? 'must be at least 1 character long' : undefined,
  metadata: metadataRule,
  forgetAfter: (value) => (value === null || isDateTime(value) ? undefined : 'must be an ISO 8601 date-time string or null'),
  forgetReason: (value) => (value === null || isString(value) ? undefined : 'must be a string or null'),
  temporalContext: temporalContextRule,
};
const REQUIRED: readonly string[] = supermemoryUpdateMemory.required;

/**
 * Reads a `PATCH /v4/memories` body against Supermemory's request schema. The service's own
 * messages are not public, so the `details` are the fake's, one per broken rule, for the first
 * field (in the spec's order) that breaks one:
 * - `id`, `content`: strings; `containerTag`: required, a string of at most 100 characters
 *   matching `^[a-zA-Z0-9_:-]+$`; `newContent`: required, a string of at least 1 character;
 * - `metadata`: an object whose values are each a string, a number, a boolean or an array of
 *   strings; `forgetAfter`: an RFC 3339 date-time string (`Z` or an offset) or `null`;
 *   `forgetReason`: a string or `null`; `temporalContext`: an object whose `documentDate` is a
 *   string or `null` and whose `eventDate` is an array of strings or `null`.
 * Then neither `id` nor `content` is "Either id or content must be provided". A body that is not
 * a JSON object is refused first; an empty body counts as `{}`. Undocumented fields are dropped.
 *
 * @example
 * validateSupermemoryUpdate('{"containerTag": "user 123", "id": "m", "newContent": "x"}');
 * // { ok: false, details: 'containerTag must match ^[a-zA-Z0-9_:-]+$' }
 */
export function validateSupermemoryUpdate(text: string): SupermemoryBodyCheck {
  const body = readJsonObject(text);
  if (!body.ok && body.problem !== 'empty') {
    return invalid(body.problem === 'invalid-json' ? 'Request body must be valid JSON' : 'Request body must be a JSON object');
  }
  const value = body.ok ? body.value : {};
  const known: Record<string, unknown> = {};
  for (const field of supermemoryUpdateMemory.fields) {
    if (!Object.hasOwn(value, field)) {
      if (REQUIRED.includes(field)) return invalid(`${field} is required`);
      continue;
    }
    const broken = RULES[field](value[field]);
    if (broken !== undefined) return invalid(broken.startsWith('.') ? `${field}${broken}` : `${field} ${broken}`);
    known[field] = value[field];
  }
  if (known.id === undefined && known.content === undefined) return invalid('Either id or content must be provided');
  return { ok: true, value: known as UpdateMemoryRequest };
}

function containerTagRule(value: unknown): string | undefined {
  if (!isString(value)) return 'must be a string';
  if (value.length > CONTAINER_TAG_MAX_LENGTH) return `must be at most ${CONTAINER_TAG_MAX_LENGTH} characters long`;
  if (!CONTAINER_TAG.test(value)) return `must match ${CONTAINER_TAG.source}`;
  return undefined;
}

function metadataRule(value: unknown): string | undefined {
  if (!isJsonObject(value)) return 'must be an object';
  for (const [key, item] of Object.entries(value)) {
    const fits = isString(item) || typeof item === 'number' || typeof item === 'boolean' || isStringArray(item);
    if (!fits) return `.${key} must be a string, a number, a boolean or an array of strings`;
  }
  return undefined;
}

function temporalContextRule(value: unknown): string | undefined {
  if (!isJsonObject(value)) return 'must be an object';
  const { documentDate, eventDate } = value;
  if (documentDate !== undefined && documentDate !== null && !isString(documentDate))
    return '.documentDate must be a string or null';
  if (eventDate !== undefined && eventDate !== null && !isStringArray(eventDate))
    return '.eventDate must be an array of strings or null';
  return undefined;
}

function isDateTime(value: unknown): boolean {
  return isString(value) && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

function invalid(details: string): SupermemoryBodyCheck {
  return { ok: false, details };
}
