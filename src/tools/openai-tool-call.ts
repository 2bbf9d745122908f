import { didYouMean } from './did-you-mean.js';
import type { MemoryTool, MemoryToolResult } from './memory-tool.js';
import { refusedCall } from './tool-error.js';

/** A Chat Completions tool call, as the model returns it (`message.tool_calls[i]`). */
export interface OpenAIToolCall {
  id: string;
  function: { name: string; arguments: string };
}

/** The `tool` message that answers a tool call: its content is the tool's result as JSON. */
export interface OpenAIToolMessage {
  role: 'tool';
  tool_call_id: string;
  content: string;
}

/**
 * Runs a Chat Completions tool call with the tool of its name and resolves to the `tool` message
 * to send back. Never throws for a model's mistake: a name that is no tool's, or arguments that
 * are not one JSON object, come back as an `{ ok: false }` result the model can act on, with
 * nothing sent (an empty `arguments` is `{}`).
 *
 * @example
 * const tools = memoryTools({ mielto });
 * for (const call of completion.choices[0]!.message.tool_calls ?? []) messages.push(await runToolCall(tools, call));
 */
export async function runToolCall(
  tools: readonly MemoryTool[],
  call: OpenAIToolCall,
  options?: { signal?: AbortSignal | undefined },
): Promise<OpenAIToolMessage> {
  const { name, arguments: text } = call.function;
  const tool = tools.find((candidate) => candidate.name === name);
  let result: MemoryToolResult;
  if (!tool) {
    const names = tools.map((candidate) => candidate.name);
    const near = didYouMean(name, names);
    result = refusedCall(
      `\`${name}\` is not a tool here; ${near ? `did you mean \`${near}\`?` : `the tools are ${names.join(', ')}.`}`,
    );
  } else {
    const input = parsed(text);
    result =
      input === NOT_JSON
        ? refusedCall(`The arguments of ${name} are not JSON: send its fields as one JSON object.`)
        : await tool.execute(input, options);
  }
  return { role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) };
}

const NOT_JSON = Symbol('not JSON');

/** The arguments' JSON (`{}` when blank), or {@link NOT_JSON}: the parser's message is not kept, as it quotes the text. */
function parsed(text: string): unknown {
  try {
    return text.trim() ? (JSON.parse(text) as unknown) : {};
  } catch {
    return NOT_JSON;
  }
}
