import { isJsonObject } from './json-fields.js';

/** A request body read as a JSON object, or why it is not one. */
export type JsonObjectBody =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly problem: 'empty' | 'invalid-json' | 'not-an-object' };

/**
 * Reads a request body that must be a JSON object. The `content-type` is not consulted: the
 * non-FastAPI fakes parse whatever arrives as JSON (their documents say nothing either way).
 *
 * @example
 * readJsonObject('{"content":"x"}'); // { ok: true, value: { content: 'x' } }
 * readJsonObject('[1]'); // { ok: false, problem: 'not-an-object' }
 */
export function readJsonObject(text: string): JsonObjectBody {
  if (text.trim() === '') return { ok: false, problem: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'invalid-json' };
  }
  return isJsonObject(value) ? { ok: true, value } : { ok: false, problem: 'not-an-object' };
}
