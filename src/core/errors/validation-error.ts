import type { HttpValidationError } from '../../../generated/mielto.js';
import { jsonField } from '../json-field.js';
import { ApiError, type ApiErrorInit } from './api-error.js';

/** One entry of FastAPI's `detail`, as the spec types it (pydantic v2 adds `input`, `ctx`, `url`). */
export type ValidationIssue = NonNullable<HttpValidationError['detail']>[number];

/**
 * 422: the server rejected the body. FastAPI lists what failed in `detail`, pydantic v1
 * (`"field required"`, `value_error.missing`) and v2 (`"Field required"`, `missing`) alike.
 *
 * @example
 * catch (error) {
 *   if (error instanceof ValidationError) {
 *     form.showErrors(error.fieldErrors()); // { memory: ['Field required'] }
 *   }
 * }
 */
export class ValidationError extends ApiError {
  override name = 'ValidationError';
  /** FastAPI's list of problems; `undefined` when the body is not that shape (see `body`). */
  declare readonly detail: HttpValidationError['detail'];

  constructor(init: ApiErrorInit) {
    super(init);
    this.detail = readValidationIssues(init.body);
  }

  /**
   * Messages by field path: each issue's `loc` without its leading `"body"`, joined with dots
   * (`topics.0`); an issue about the whole body is under `""`.
   */
  fieldErrors(): Record<string, string[]> {
    // Field names are data: Object.fromEntries makes `constructor` or `__proto__` own keys, where
    // assigning would reach the prototype's.
    const errors = new Map<string, string[]>();
    for (const issue of this.detail ?? []) {
      const path = fieldPath(issue);
      errors.set(path, [...(errors.get(path) ?? []), issue.msg]);
    }
    return Object.fromEntries(errors);
  }
}

/** The field path of an issue: its `loc` without a leading `"body"`, joined with dots. */
export function fieldPath(issue: ValidationIssue): string {
  const loc = issue.loc[0] === 'body' ? issue.loc.slice(1) : issue.loc;
  return loc.join('.');
}

/** FastAPI's `detail` list when `body` has that shape, else `undefined`. */
export function readValidationIssues(body: unknown): ValidationIssue[] | undefined {
  const detail = jsonField(body, 'detail');
  return Array.isArray(detail) && detail.every(isValidationIssue) ? detail : undefined;
}

function isValidationIssue(value: unknown): value is ValidationIssue {
  const loc = jsonField(value, 'loc');
  return (
    Array.isArray(loc) &&
    loc.every((part) => typeof part === 'string' || Number.isInteger(part)) &&
    typeof jsonField(value, 'msg') === 'string' &&
    typeof jsonField(value, 'type') === 'string'
  );
}
