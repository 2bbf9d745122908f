import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js';
import { typeName } from '../core/type-name.js';
import { didYouMean } from '../tools/did-you-mean.js';
import { inputSchema, splitInput } from '../tools/input-schema.js';
import type { MemoryClients, MemoryToolSchema } from '../tools/memory-tool.js';
import { TOOL_OPERATIONS, type ToolOperation } from '../tools/tool-operations.js';
import { notSent } from './not-sent.js';

/** An update ready to send: its operation, the client that sends it, and its input split for the call. */
export interface ResolvedUpdate {
  entry: ToolOperation;
  client: NonNullable<MemoryClients[keyof MemoryClients]>;
  params: Record<string, string>;
  body: Record<string, unknown>;
}

const BY_NAME = new Map(TOOL_OPERATIONS.map((entry) => [entry.schema.name, entry]));
const NAMES = [...BY_NAME.keys()];
// Built on first use: a batch that only sends Mielto updates never builds OpenSearch's schemas.
const schemas = new Map<ToolOperation, MemoryToolSchema>();

/**
 * What keeps `update` from being sent, each problem a sentence: not an `{ operation, input }`
 * object, an operation memwire does not have (with the one it probably meant), or an input its
 * tool's schema refuses (a field it does not take, with the one meant; a required one missing).
 * Checked locally, with no client: an empty list means the update is well formed.
 *
 * @example
 * checkUpdate({ operation: 'mielto_update_memory', input: { memory_id: 'mem_1', memroy: 'Prefers tea' } });
 * // ['`memroy` is not a field of mielto_update_memory; did you mean `memory`?', '`memory` is required by mielto_update_memory.']
 */
export function checkUpdate(update: unknown): string[] {
  const found = operationOf(update);
  if (typeof found === 'string') return [found];
  const checked = schemaOf(found.entry)['~standard'].validate(found.input);
  return 'issues' in checked ? checked.issues.map((issue) => issue.message) : [];
}

/** The update ready to send with one of `clients`, or the error that says why nothing was sent. */
export function resolveUpdate(update: unknown, clients: MemoryClients): ResolvedUpdate | InvalidArgumentError {
  const problems = checkUpdate(update);
  if (problems.length > 0) return notSent(problems.join(' '));
  const { entry, input } = operationOf(update) as { entry: ToolOperation; input: Record<string, unknown> };
  const client = clients[entry.client];
  if (!client) {
    return notSent(
      `${entry.schema.name} needs a client for ${entry.provider}, and none was given: pass { ${entry.client} } to applyUpdates.`,
    );
  }
  return { entry, client, ...splitInput(entry.schema, input) };
}

/** The operation an update names, with its input, or what is wrong with its shape. */
function operationOf(update: unknown): { entry: ToolOperation; input: unknown } | string {
  if (typeof update !== 'object' || update === null || Array.isArray(update)) {
    return `An update is an object { operation, input }, got ${Array.isArray(update) ? 'an array' : typeName(update)}.`;
  }
  const { operation, input, ...rest } = update as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) return `An update has only \`operation\` and \`input\`; \`${extra[0]}\` is not one of them.`;
  if (typeof operation !== 'string') return 'An update needs `operation`, the name of an operation (a string).';
  const entry = BY_NAME.get(operation);
  if (!entry) {
    const near = didYouMean(operation, NAMES);
    return `\`${operation}\` is not an operation of memwire; ${near ? `did you mean \`${near}\`?` : `the operations are ${NAMES.join(', ')}.`}`;
  }
  return { entry, input };
}

function schemaOf(entry: ToolOperation): MemoryToolSchema {
  let schema = schemas.get(entry);
  if (!schema) schemas.set(entry, (schema = inputSchema(entry)));
  return schema;
}

/** The tool operation called `name`, if memwire has one. */
export const toolOperation = (name: string): ToolOperation | undefined => BY_NAME.get(name);

/** The operation named by an update, as given: for its outcome. */
export function operationName(update: unknown): string {
  const operation = typeof update === 'object' && update !== null ? (update as { operation?: unknown }).operation : undefined;
  return typeof operation === 'string' ? operation : '';
}
