import type { MemoryLayer } from '../providers/memorylayer.js';
import type { Mielto } from '../providers/mielto.js';
import type { OpenSearchMemory } from '../providers/opensearch.js';
import type { Supermemory } from '../providers/supermemory.js';

/** The clients whose operations become tools; any subset. */
export interface MemoryClients {
  mielto?: Mielto | undefined;
  memoryLayer?: MemoryLayer | undefined;
  supermemory?: Supermemory | undefined;
  openSearch?: OpenSearchMemory | undefined;
}

/** What a tool call that failed tells the model, redacted like every memwire error. */
export interface MemoryToolError {
  /** The memwire error class's name: `ValidationError`, `InvalidArgumentError`, `TimeoutError`… */
  type: string;
  message: string;
  /** A 422's field errors, by field path: `{ memory: ['Field required'] }`. */
  fieldErrors?: Record<string, string[]>;
  /**
   * `'no'`: refused before sending, or the server said it did nothing; `'yes'`: the server answered
   * 2xx but something after failed; `'unknown'`: the write may have landed and was not re-sent:
   * do not repeat it blindly.
   */
  applied: 'no' | 'yes' | 'unknown';
}

/** What `execute` resolves to: it never throws for a model's mistake. */
export type MemoryToolResult = { ok: true; result: unknown } | { ok: false; error: MemoryToolError };

/** One issue a Standard Schema validation reports. */
export interface MemoryToolIssue {
  message: string;
  path?: readonly PropertyKey[];
}

/**
 * A tool's input schema: JSON Schema for one flat, closed object (the path parameters beside the
 * body's fields), which is also a Standard Schema (`~standard.validate`) with its JSON Schema
 * (`~standard.jsonSchema`), so that frameworks that validate first use memwire's own check.
 */
export interface MemoryToolSchema {
  type: 'object';
  properties: Record<string, object>;
  required: string[];
  additionalProperties: false;
  '~standard': {
    version: 1;
    vendor: 'memwire';
    validate(value: unknown): { value: Record<string, unknown> } | { issues: MemoryToolIssue[] };
    jsonSchema: { input(options?: unknown): Record<string, unknown>; output(options?: unknown): Record<string, unknown> };
  };
}

/** MCP's ToolAnnotations. */
export interface MemoryToolAnnotations {
  title: string;
  readOnlyHint: false;
  idempotentHint: boolean;
  destructiveHint: boolean;
  openWorldHint: true;
}

/** One operation as a framework-neutral tool. */
export interface MemoryTool {
  /** `mielto_update_memory`, `opensearch_update_session`… */
  name: string;
  title: string;
  description: string;
  inputSchema: MemoryToolSchema;
  annotations: MemoryToolAnnotations;
  execute(input: unknown, options?: { signal?: AbortSignal | undefined }): Promise<MemoryToolResult>;
}
