// memwire/openai: memwire's tools as OpenAI Chat Completions function tools, with no dependency on
// the openai package: the definitions are plain JSON, and the calls run through memoryTools.
import type { MemoryClients } from './memory-tool.js';
import { memoryTools } from './memory-tools.js';

export type { MemoryClients, MemoryTool, MemoryToolError, MemoryToolResult } from './memory-tool.js';
export { memoryTools } from './memory-tools.js';
export { runToolCall, type OpenAIToolCall, type OpenAIToolMessage } from './openai-tool-call.js';

/** A Chat Completions function tool, as the openai package types one (`ChatCompletionFunctionTool`). */
export interface OpenAIFunctionTool {
  type: 'function';
  function: {
    name: string;
    description: string;
    /** The tool's closed JSON Schema, a clean copy (no `~standard`). */
    parameters: Record<string, unknown>;
    /** Whether OpenAI constrains the call to `parameters`: see {@link strictModeObstacle}. */
    strict: boolean;
  };
}

/**
 * memwire's tools (one per operation of each client given) as Chat Completions function tools.
 * Run a call with {@link runToolCall} and the tools of {@link memoryTools}: it resolves to the
 * `tool` message to send back, whose content is `{ ok, result }` or `{ ok: false, error }`, also
 * for a tool name or arguments the model got wrong. `strict` is on only where strict mode can
 * express the schema as it is.
 *
 * @example
 * const tools = memoryTools({ mielto });
 * const completion = await openai.chat.completions.create({ model, messages, tools: openAITools({ mielto }) });
 * for (const call of completion.choices[0]!.message.tool_calls ?? []) messages.push(await runToolCall(tools, call));
 */
export function openAITools(clients: MemoryClients): OpenAIFunctionTool[] {
  return memoryTools(clients).map((tool) => {
    const parameters = tool.inputSchema['~standard'].jsonSchema.input({ target: 'draft-07' });
    return {
      type: 'function',
      function: {
        name: tool.name,
        description: tool.description,
        parameters,
        strict: strictModeObstacle(parameters) === undefined,
      },
    };
  });
}

/** A JSON Schema, as a plain object. */
export type JsonSchema = Record<string, unknown>;

// Strict mode's subset of JSON Schema, as OpenAI's Structured Outputs guide lists it ("Supported
// properties"). Strict is opt-in, so a keyword the guide does not list (minLength, examples…) keeps it off.
const STRICT_KEYWORDS = new Set([
  ...['type', 'description', 'title', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf'],
  ...['pattern', 'format', 'multipleOf', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems'],
]);
const STRICT_FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);

/**
 * What keeps OpenAI's strict mode from taking `schema` as it is, `undefined` when nothing does:
 * strict mode needs every object closed (`additionalProperties: false`) with all of its properties
 * required, and only its subset of keywords and formats. memwire does not rewrite an optional
 * field as a required nullable one: `null` is not "absent" everywhere (Supermemory's
 * `forgetAfter: null` clears the expiry, omitting it keeps it), and `execute` gets the arguments
 * as the model wrote them. A free-form object (`metadata`, `tags`) is never strict either.
 *
 * @example
 * strictModeObstacle({ type: 'object', properties: { id: { type: 'string' } }, required: [], additionalProperties: false });
 * // '`id` is optional'
 */
export function strictModeObstacle(parameters: JsonSchema): string | undefined {
  return parameters.type === 'object' ? obstacle(parameters, '') : 'the root is not an object';
}

/** The first obstacle in `schema`, found at path `at` (`''` for the root), or in what it nests. */
function obstacle(schema: JsonSchema, at: string): string | undefined {
  const where = at ? ` (at \`${at}\`)` : '';
  const unsupported = Object.keys(schema).find((key) => !STRICT_KEYWORDS.has(key));
  if (unsupported !== undefined) return `\`${unsupported}\` is not in strict mode's subset${where}`;
  if (typeof schema.format === 'string' && !STRICT_FORMATS.has(schema.format)) {
    return `format \`${schema.format}\` is not one strict mode checks${where}`;
  }
  if (!('type' in schema || 'enum' in schema || 'const' in schema || 'anyOf' in schema)) return `any value is allowed${where}`;
  return objectObstacle(schema, at, where) ?? childObstacle(schema, at);
}

/** An object that is open, or that has an optional property. */
function objectObstacle(schema: JsonSchema, at: string, where: string): string | undefined {
  const isObject = schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object'));
  if (!isObject) return undefined;
  if (schema.additionalProperties !== false) return `an object takes keys it does not list${where}`;
  const required = Array.isArray(schema.required) ? schema.required : [];
  const optional = Object.keys(properties(schema)).find((key) => !required.includes(key));
  return optional === undefined ? undefined : `\`${at ? `${at}.` : ''}${optional}\` is optional`;
}

/** The first obstacle in the schemas nested in `schema`: its properties, items and anyOf branches. */
function childObstacle(schema: JsonSchema, at: string): string | undefined {
  const children: [string, unknown][] = Object.entries(properties(schema)).map(([key, child]) => [
    at ? `${at}.${key}` : key,
    child,
  ]);
  if (schema.items !== undefined) children.push([`${at}[]`, schema.items]);
  if (Array.isArray(schema.anyOf)) children.push(...schema.anyOf.map((child): [string, unknown] => [at, child]));
  for (const [path, child] of children) {
    const found = isSchema(child) ? obstacle(child, path) : `a schema is not an object (at \`${path}\`)`;
    if (found !== undefined) return found;
  }
  return undefined;
}

function properties(schema: JsonSchema): Record<string, unknown> {
  return isSchema(schema.properties) ? schema.properties : {};
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
