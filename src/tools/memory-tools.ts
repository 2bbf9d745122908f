import { inputSchema, splitInput } from './input-schema.js';
import type { MemoryClients, MemoryTool, MemoryToolResult } from './memory-tool.js';
import { refusedCall, toolError } from './tool-error.js';
import { TOOL_OPERATIONS, type ToolOperation } from './tool-operations.js';

/**
 * One tool per operation of each client given (any subset), for an LLM agent to update memories:
 * closed input schemas that name a misspelled field, MCP annotations, and an `execute` that never
 * throws for a model's mistake and says whether a failed write may have landed.
 *
 * @example
 * const tools = memoryTools({ mielto, supermemory });
 * const result = await tools.find((tool) => tool.name === 'mielto_update_memory')!.execute({ memory_id: 'mem_1', memory: 'Prefers tea' });
 */
export function memoryTools(clients: MemoryClients): MemoryTool[] {
  return TOOL_OPERATIONS.flatMap((entry) => {
    const client = clients[entry.client];
    return client ? [memoryTool(entry, client)] : [];
  });
}

function memoryTool(entry: ToolOperation, client: NonNullable<MemoryClients[keyof MemoryClients]>): MemoryTool {
  const { operation, schema } = entry;
  const input = inputSchema(entry);
  const title = `${entry.provider}: ${schema.name.split('_').slice(1).join(' ')}`;
  return {
    name: schema.name,
    title,
    description: description(entry),
    inputSchema: input,
    annotations: {
      title,
      readOnlyHint: false,
      idempotentHint: operation.idempotent,
      destructiveHint: entry.overwrites,
      openWorldHint: true,
    },
    async execute(value, options = {}) {
      const checked = input['~standard'].validate(value);
      if ('issues' in checked) return refusedCall(checked.issues.map((issue) => issue.message).join(' '));
      const { params, body } = splitInput(schema, checked.value);
      try {
        const result = await entry.call(client, params, body, { signal: options.signal });
        return { ok: true, result };
      } catch (error) {
        return { ok: false, error: toolError(error) };
      }
    },
  };
}

/** The spec's words for the operation, and what a model must know before it calls it. */
function description({ operation, schema }: ToolOperation): string {
  const retry = operation.idempotent
    ? 'Sending the same input twice has the effect of once.'
    : 'Each call is a new write: never repeat one whose result says applied "unknown" without checking first.';
  // The spec's prose is wrapped at a width: a paragraph a line, for a model.
  const prose = schema.description
    .split('\n\n')
    .map((paragraph) => paragraph.replace(/\n/g, ' '))
    .join('\n\n');
  return `${schema.summary}. ${prose}\n\n${retry}`;
}

export type { MemoryToolResult };
