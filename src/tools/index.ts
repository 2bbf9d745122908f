// memwire/tools: memwire's operations as tools an LLM agent calls, framework-neutral; the
// adapters for the AI SDK, MCP and OpenAI are their own entries (memwire/ai-sdk, /mcp, /openai).
export { memoryTools } from './memory-tools.js';
export type {
  MemoryClients,
  MemoryTool,
  MemoryToolAnnotations,
  MemoryToolError,
  MemoryToolIssue,
  MemoryToolResult,
  MemoryToolSchema,
} from './memory-tool.js';
