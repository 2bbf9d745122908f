// memwire/ai-sdk: memwire's tools as an AI SDK ToolSet. `ai` is imported for its types only, so
// this entry runs without it: the tools are plain objects that ai@6 (and its successors) reads.
import type { Schema, Tool } from 'ai';
import type { MemoryClients, MemoryToolResult, MemoryToolSchema } from './memory-tool.js';
import { memoryTools } from './memory-tools.js';

export type { MemoryClients, MemoryToolError, MemoryToolResult } from './memory-tool.js';

/** One memwire tool as the AI SDK runs it: its output is the {@link MemoryToolResult}, which the model reads. */
export type AiSdkMemoryTool = Tool<unknown, MemoryToolResult>;

/**
 * memwire's tools (one per operation of each client given) as an AI SDK `ToolSet`, by tool name,
 * for `generateText`, `streamText` or a `ToolLoopAgent`. Each call's output is the tool's
 * `{ ok: true, result }` or `{ ok: false, error }`: a misspelled field, a 422's field errors or a
 * write that may have landed (`applied: 'unknown'`) come back to the model as the tool's result,
 * not as an exception, and `abortSignal` reaches the request.
 *
 * @example
 * import { generateText, stepCountIs } from 'ai';
 * import { aiSdkTools } from 'memwire/ai-sdk';
 *
 * const { text } = await generateText({
 *   model,
 *   tools: aiSdkTools({ mielto: new Mielto({ apiKey }) }),
 *   stopWhen: stepCountIs(5),
 *   prompt: 'Remember that I now prefer tea (memory mem_1).',
 * });
 */
export function aiSdkTools(clients: MemoryClients): Record<string, AiSdkMemoryTool> {
  const tools: Record<string, AiSdkMemoryTool> = {};
  for (const tool of memoryTools(clients)) {
    tools[tool.name] = {
      title: tool.title,
      description: tool.description,
      inputSchema: aiSdkSchema(tool.inputSchema),
      execute: (input, { abortSignal }) => tool.execute(input, { signal: abortSignal }),
    };
  }
  return tools;
}

/**
 * The schema as ai's own `jsonSchema()` makes it (`Symbol.for('vercel.ai.schema')`, `jsonSchema`,
 * `validate`), built here so that `ai` is not needed at run time. Not the Standard Schema itself:
 * ai@6 rewrites a Standard Schema's JSON Schema to close every object (`metadata` could then hold
 * no key), and a value its check refuses reaches the model as ai's "Invalid input" text, not as
 * memwire's result. So ai is told to accept any value, and `execute` checks it.
 */
function aiSdkSchema(schema: MemoryToolSchema): Schema<unknown> {
  const jsonSchema = () => schema['~standard'].jsonSchema.input({ target: 'draft-07' });
  const marked = {
    [Symbol.for('vercel.ai.schema')]: true,
    get jsonSchema() {
      return jsonSchema(); // a fresh copy each time: ai and providers may change what they get
    },
    validate: (value: unknown) => ({ success: true as const, value }),
  };
  return marked as unknown as Schema<unknown>; // ai's type keys the mark by a symbol it does not export
}
