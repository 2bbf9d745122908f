import { typeName } from '../core/type-name.js';
import type { OperationDescription } from '../core/operation.js';
import type { MemoryToolIssue, MemoryToolSchema } from './memory-tool.js';
import type { ToolOperation } from './tool-operations.js';
import { didYouMean } from './did-you-mean.js';

interface BodySchema {
  properties?: Record<string, object>;
  required?: string[];
}

/**
 * The tool's input: one flat, closed object of the operation's path parameters (under their spec
 * names) beside the body's fields, required exactly as the spec requires. Also a Standard Schema
 * whose check names a field the tool does not take, and the one it probably meant.
 */
export function inputSchema({ schema, operation }: ToolOperation): MemoryToolSchema {
  const body = schema.body as BodySchema;
  const pathParams = Object.keys(schema.pathParams);
  for (const param of pathParams) {
    if (body.properties?.[param]) throw new Error(`memwire: ${schema.name}'s path parameter ${param} is also a body field`);
  }
  const json = {
    type: 'object' as const,
    properties: { ...schema.pathParams, ...body.properties },
    required: [...pathParams, ...(body.required ?? [])],
    additionalProperties: false as const,
  };
  const copy = () => structuredClone(json);
  const standard: MemoryToolSchema['~standard'] = {
    version: 1,
    vendor: 'memwire',
    validate: (value) => {
      const issues = inputIssues(schema.name, json, pathParams, value);
      // What the client would refuse of a well-formed input, so that a check alone (a dry run) sees it too.
      if (!issues.length) issues.push(...bodyIssues(schema.name, value as Record<string, unknown>, operation));
      return issues.length ? { issues } : { value: value as Record<string, unknown> };
    },
    jsonSchema: { input: copy, output: copy },
  };
  // Not enumerable: the schema handed to a model as it is (JSON.stringify) must be plain JSON Schema.
  return Object.defineProperty(copy(), '~standard', { value: standard }) as MemoryToolSchema;
}

/** What keeps `value` from being this tool's input: each field it does not take, each one missing. */
function inputIssues(
  tool: string,
  json: { properties: Record<string, object>; required: string[] },
  pathParams: readonly string[],
  value: unknown,
): MemoryToolIssue[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [
      {
        message: `${tool} takes one object of fields, got ${Array.isArray(value) ? 'an array' : typeName(value)}.`,
      },
    ];
  }
  const fields = Object.keys(json.properties);
  const issues: MemoryToolIssue[] = [];
  for (const key of Object.keys(value)) {
    if (fields.includes(key)) continue;
    const near = didYouMean(key, fields);
    const hint = near ? `; did you mean \`${near}\`?` : `; it takes ${fields.map((field) => `\`${field}\``).join(', ')}.`;
    issues.push({ message: `\`${key}\` is not a field of ${tool}${hint}`, path: [key] });
  }
  for (const field of json.required) {
    const given = (value as Record<string, unknown>)[field];
    if (given === undefined) issues.push({ message: `\`${field}\` is required by ${tool}.`, path: [field] });
    else if (pathParams.includes(field) && (typeof given !== 'string' || given === '')) {
      issues.push({ message: `\`${field}\` must be a non-empty string (an id).`, path: [field] });
    }
  }
  return issues;
}

/**
 * What the client refuses of a body whose fields are all known: a partial update that sets none
 * (it would change nothing), or none of the fields that find the memory (the spec's `x-memwire-find-by`).
 */
function bodyIssues(tool: string, value: Record<string, unknown>, { fields, required, findBy = [] }: OperationDescription) {
  // The clients' own rules (json-body.ts, and Supermemory's): a body the spec requires no field of is a partial update.
  const [needed, why] = required.length ? [findBy, 'to find the memory'] : [fields, 'or it changes nothing'];
  if (!needed.length || needed.some((field) => value[field] !== undefined)) return [];
  return [{ message: `${tool} needs one of ${needed.map((field) => `\`${field}\``).join(', ')} (${why}).` }];
}

/**
 * A checked input split as the client call takes it: the path parameters, and the body's fields.
 *
 * @example
 * splitInput(mieltoUpdateMemorySchema, { memory_id: 'mem_1', memory: 'Prefers tea' });
 * // { params: { memory_id: 'mem_1' }, body: { memory: 'Prefers tea' } }
 */
export function splitInput(
  schema: { pathParams: Readonly<Record<string, object>> },
  input: Record<string, unknown>,
): { params: Record<string, string>; body: Record<string, unknown> } {
  const params: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(input)) {
    if (Object.hasOwn(schema.pathParams, key)) params[key] = field as string;
    else body[key] = field;
  }
  return { params, body };
}
