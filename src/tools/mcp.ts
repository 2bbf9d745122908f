// memwire/mcp: the memory tools on a server of the MCP TypeScript SDK v2 (@modelcontextprotocol/server,
// an optional peer). Types only: the server is passed in, so this entry loads nothing of the SDK.
import type { CallToolResult, McpServer, RegisteredTool } from '@modelcontextprotocol/server';
import { memoryTools } from './memory-tools.js';
import type { MemoryClients, MemoryToolResult } from './memory-tool.js';

/**
 * Registers one MCP tool per operation of the clients given (any subset), with its title,
 * description and annotations. Each tool's input schema is memwire's own: the SDK lists its JSON
 * Schema (a closed object) in `tools/list` and checks the arguments with its Standard Schema
 * `validate` before the call, so arguments with a misspelled or missing field never reach the
 * provider: the client gets `isError` and the SDK's text, `Input validation error: Invalid arguments
 * for tool <name>: <field>: <what is wrong>`. Every other result is the tool's `{ ok, result }` or
 * `{ ok: false, error }`, as JSON text and as `structuredContent`, with `isError` when not ok. A
 * client's cancellation aborts the call. Returns the registered tools (to disable or remove them).
 *
 * @example
 * import { McpServer } from '@modelcontextprotocol/server';
 * import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
 * import { Mielto } from 'memwire';
 * import { registerMemoryTools } from 'memwire/mcp';
 *
 * const server = new McpServer({ name: 'memory', version: '1.0.0' });
 * registerMemoryTools(server, { mielto: new Mielto({ apiKey: process.env.MIELTO_API_KEY! }) });
 * await server.connect(new StdioServerTransport());
 */
export function registerMemoryTools(server: Pick<McpServer, 'registerTool'>, clients: MemoryClients): RegisteredTool[] {
  return memoryTools(clients).map((tool) =>
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.inputSchema, annotations: tool.annotations },
      async (input, ctx) => toolCallResult(await tool.execute(input, { signal: ctx.mcpReq.signal })),
    ),
  );
}

/** A tool's result as MCP's `tools/call` result: JSON text for clients that read only text, the same as `structuredContent`. */
export function toolCallResult(result: MemoryToolResult): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result, isError: !result.ok };
}
