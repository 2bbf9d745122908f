import { InvalidArgumentError } from './errors/invalid-argument-error.js';

// Each body sentBody made, with the JSON it was read back from: what serializeJson sends for it,
// rather than serializing it a second time.
const sentJson = new WeakMap<object, string>();

/** openapi-fetch's `bodySerializer`: JSON, or an `InvalidArgumentError` for what JSON cannot hold. */
export function serializeJson(body: unknown): string {
  const known = typeof body === 'object' && body !== null ? sentJson.get(body) : undefined;
  if (known !== undefined) return known;
  try {
    return JSON.stringify(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidArgumentError(`The request body cannot be sent as JSON: ${reason}`, { cause: error });
  }
}

/** What an operation's body may hold, from the spec (`generated/<name>.fields.ts`). */
export interface BodyRule {
  /** Names the body in messages: `patch`, `update`, `body`… */
  name: string;
  /** Whose fields they are, in messages: `Mielto`, `OpenSearch working memory`… */
  owner: string;
  /** Every field the server reads; it drops any other without an error. */
  fields: readonly string[];
  /** A partial update: a body with no field would change nothing, so it is refused. */
  partial: boolean;
}

/**
 * The body exactly as it will be sent (its JSON, read back), once it is known to be a JSON object
 * that holds only fields the server reads. The check looks at the JSON, not at the object: a
 * `toJSON` or a getter cannot slip a field past it. Values are not checked: the server's own
 * validation error stays the truth for them.
 */
export function sentBody(rule: BodyRule, value: unknown): Record<string, unknown> {
  // JSON.stringify gives undefined for what JSON cannot hold at all (a function, a toJSON that gives undefined).
  const json = value === undefined ? undefined : (serializeJson(value) as string | undefined);
  const body: unknown = json === undefined ? undefined : JSON.parse(json);
  const kind = Array.isArray(body)
    ? 'an array'
    : body === null
      ? 'null'
      : json === undefined && value !== undefined
        ? 'nothing JSON can hold'
        : typeof body;
  if (kind !== 'object') throw new InvalidArgumentError(`${rule.name} must be an object, got ${kind}`);
  const fields = Object.keys(body as object);
  for (const field of fields) {
    if (!rule.fields.includes(field)) {
      throw new InvalidArgumentError(
        `${rule.name} field ${JSON.stringify(field)} is not one ${rule.owner} stores (it takes ${rule.fields.join(', ')}): the server would drop it without an error, so nothing was sent`,
      );
    }
  }
  if (rule.partial && fields.length === 0) {
    throw new InvalidArgumentError(
      `${rule.name} sets no field, so it would change nothing: set one of ${rule.fields.join(', ')}`,
    );
  }
  sentJson.set(body as object, json as string);
  return body as Record<string, unknown>;
}
