import { InvalidArgumentError } from './errors/invalid-argument-error.js';
import type { OperationDescription } from './operation.js';
import { typeName } from './type-name.js';

/** A body as JSON, or an `InvalidArgumentError` for what JSON cannot hold (a cycle, a BigInt). */
export function serializeJson(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidArgumentError(`The request body cannot be sent as JSON: ${reason}`, { cause: error });
  }
}

/** How an operation's body is named in messages; what it may hold is the operation's (from the spec). */
export interface BodyRule {
  /** Names the body in messages: `patch`, `update`, `body`… */
  name: string;
  /** Whose fields they are, in messages: `Mielto`, `OpenSearch working memory`… */
  owner: string;
  operation: OperationDescription;
}

/**
 * The body exactly as it will be sent (its JSON, and that JSON read back), once it is known to be
 * a JSON object that holds only fields the server reads. The check looks at the JSON, not at the
 * object: a `toJSON` or a getter cannot slip a field past it. A partial update (one whose spec
 * requires no field) must set one. Values are not checked: the server's own validation error
 * stays the truth for them.
 */
export function checkedBody(rule: BodyRule, value: unknown): { json: string; body: Record<string, unknown> } {
  // JSON.stringify gives undefined for undefined, and for what JSON cannot hold at all (a function,
  // a toJSON that gives undefined).
  const json = serializeJson(value) as string | undefined;
  const body: unknown = json === undefined ? undefined : JSON.parse(json);
  const kind = Array.isArray(body)
    ? 'an array'
    : json === undefined && value !== undefined
      ? 'nothing JSON can hold'
      : typeName(body);
  if (kind !== 'object') throw new InvalidArgumentError(`${rule.name} must be an object, got ${kind}`);
  const { fields, required } = rule.operation;
  const keys = Object.keys(body as object);
  for (const field of keys) {
    if (!fields.includes(field)) {
      throw new InvalidArgumentError(
        `${rule.name} field ${JSON.stringify(field)} is not one ${rule.owner} stores (it takes ${fields.join(', ')}): the server would drop it without an error, so nothing was sent`,
      );
    }
  }
  if (required.length === 0 && keys.length === 0) {
    throw new InvalidArgumentError(`${rule.name} sets no field, so it would change nothing: set one of ${fields.join(', ')}`);
  }
  return { json: json!, body: body as Record<string, unknown> };
}
