/**
 * One API operation, as `npm run generate` writes it from the spec (generated/<name>.operations.ts):
 * everything a request, a check or an agent tool needs to know of it, said once.
 */
export interface OperationDescription {
  /** How users call it on a client, for messages: `memories.update`. */
  readonly call: string;
  readonly method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  /** The path template, `{name}` for each path parameter: `/api/v1/memories/{memory_id}`. */
  readonly path: string;
  /** Whether sending it twice has the effect, and the answer, of sending it once: what may be retried. */
  readonly idempotent: boolean;
  /** Every field the body may hold: the server drops any other without an error. */
  readonly fields: readonly string[];
  /** The body fields the spec requires. */
  readonly required: readonly string[];
  /** The required fields of the documented 200 response, each with its JSON types (`string`, `object|null`…). */
  readonly response: Readonly<Record<string, string>>;
  /** Body fields of which one at least must be sent to find the memory (Supermemory's `id` or `content`), where the spec says. */
  readonly findBy?: readonly string[];
  /** The release each field arrived in, where the spec says (`x-version-added`): `{ pinned: '3.8' }`. */
  readonly since?: Readonly<Record<string, string>>;
}

/** The agent tools' side of an operation: kept apart so that clients do not carry it. */
export interface OperationSchema {
  /** memwire's name for it, as agent tools and bulk updates call it: `mielto_update_memory`. */
  readonly name: string;
  readonly summary: string;
  readonly description: string;
  /** Each path parameter's schema, with its description, in the path's order. */
  readonly pathParams: Readonly<Record<string, object>>;
  /** The body's JSON Schema: closed (`additionalProperties: false`), every `$ref` written out. */
  readonly body: object;
}
