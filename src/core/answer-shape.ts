import { typeName } from './type-name.js';

/** A JSON value's type as a schema names it: `integer` for a whole number. */
export function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeName(value);
}

/**
 * What keeps `body` from being the documented answer: each required field (from the spec, as
 * `field: 'string|null'`) that is missing or of another JSON type. Empty when it is the answer.
 */
export function shapeProblems(body: object, shape: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const [field, types] of Object.entries(shape)) {
    const allowed = types.split('|');
    const type = Object.hasOwn(body, field) ? jsonType((body as Record<string, unknown>)[field]) : undefined;
    if (type === undefined) problems.push(`no ${field}`);
    else if (!allowed.includes(type) && !(type === 'integer' && allowed.includes('number')) && !allowed.includes('any')) {
      problems.push(`${field} is ${type === 'integer' ? 'number' : type}, not ${types}`);
    }
  }
  return problems;
}
