// registerMemoryTools on a real McpServer of the MCP TypeScript SDK v2, called by the SDK's own
// Client over its in-memory transport pair, against the sandbox's fakes over real HTTP.
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, McpServer } from '@modelcontextprotocol/server';
import { ALL_TOOLS } from './tool-names.js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MemoryLayer, Mielto, OpenSearchMemory, Supermemory } from '../../src/index.js';
import type { Sandbox } from '../../src/sandbox/serve.js';
import { registerMemoryTools, toolCallResult } from '../../src/tools/mcp.js';
import type { MemoryClients } from '../../src/tools/memory-tool.js';
import { memoryTools } from '../../src/tools/memory-tools.js';
import { useSandboxes } from '../sandbox/use-sandboxes.js';

const startSandbox = useSandboxes();

function sandboxClients({ url, apiKey }: Sandbox): Required<MemoryClients> {
  return {
    mielto: new Mielto({ apiKey, baseUrl: url, workspaceId: 'ws_personal' }),
    memoryLayer: new MemoryLayer({ apiKey, baseUrl: url }),
    supermemory: new Supermemory({ apiKey, baseUrl: url }),
    openSearch: new OpenSearchMemory({ baseUrl: url, auth: { apiKey } }),
  };
}

/** An McpServer with the tools of `clients`, and an SDK client connected to it. */
async function connect(clients: MemoryClients) {
  const server = new McpServer({ name: 'memwire-test', version: '0.0.0' });
  const registered = registerMemoryTools(server, clients);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'memwire-test-client', version: '0.0.0' });
  await client.connect(clientSide);
  onTestFinished(async () => {
    await client.close();
    await server.close();
  });
  return { client, registered };
}

describe('registerMemoryTools: tools/list', () => {
  it("lists one tool per operation, with memwire's title, description, closed schema and annotations", async () => {
    const clients = sandboxClients(await startSandbox());
    const { client } = await connect(clients);
    const { tools: listed } = await client.listTools();
    expect(listed.map((tool) => tool.name)).toEqual(ALL_TOOLS);
    for (const tool of memoryTools(clients)) {
      const shown = listed.find((entry) => entry.name === tool.name)!;
      expect(shown.title).toBe(tool.title);
      expect(shown.description).toBe(tool.description);
      expect(shown.inputSchema).toEqual(tool.inputSchema['~standard'].jsonSchema.input());
      expect(shown.inputSchema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(shown.annotations).toEqual(tool.annotations);
      expect(shown.annotations).toMatchObject({ readOnlyHint: false, openWorldHint: true });
    }
  });

  it('lists only the tools of the clients given', async () => {
    const { mielto, supermemory } = sandboxClients(await startSandbox());
    const { client } = await connect({ mielto, supermemory });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'mielto_update_memory',
      'mielto_replace_memory',
      'supermemory_update_memory',
    ]);
  });

  it('returns the registered tools: one disabled is no longer listed', async () => {
    const { mielto } = sandboxClients(await startSandbox());
    const { client, registered } = await connect({ mielto });
    expect(registered).toHaveLength(2);
    registered[1]!.disable();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['mielto_update_memory']);
  });
});

describe('registerMemoryTools: tools/call', () => {
  it('applies an update and gives the result as JSON text and as structuredContent', async () => {
    const sandbox = await startSandbox();
    const { client } = await connect({ mielto: sandboxClients(sandbox).mielto });
    const result = await client.callTool({
      name: 'mielto_update_memory',
      arguments: { memory_id: 'mem_coffee', memory: 'Ada now drinks tea' },
    });
    expect(result.isError).toBe(false);
    expect(result.structuredContent).toMatchObject({ ok: true, result: { memory: { memory: 'Ada now drinks tea' } } });
    expect(result.content).toEqual([{ type: 'text', text: JSON.stringify(result.structuredContent) }]);
    expect(sandbox.mielto.get('mem_coffee', 'ws_personal')?.memory).toBe('Ada now drinks tea');
  });

  it('refuses a misspelled field before sending anything, naming it and the field it meant', async () => {
    const sandbox = await startSandbox();
    const { client } = await connect({ mielto: sandboxClients(sandbox).mielto });
    const result = await client.callTool({ name: 'mielto_update_memory', arguments: { memory_id: 'mem_coffee', memroy: 'tea' } });
    // The SDK checks the arguments with the tool's Standard Schema and answers with its own text.
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(result.content).toEqual([
      {
        type: 'text',
        text: 'Input validation error: Invalid arguments for tool mielto_update_memory: memroy: `memroy` is not a field of mielto_update_memory; did you mean `memory`?',
      },
    ]);
    expect(sandbox.mielto.requests).toHaveLength(0);
  });

  it("reports the provider's refusal with isError, its type and applied: 'no'", async () => {
    const sandbox = await startSandbox();
    const { client } = await connect({ mielto: sandboxClients(sandbox).mielto });
    const result = await client.callTool({ name: 'mielto_update_memory', arguments: { memory_id: 'mem_gone', memory: 'x' } });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ ok: false, error: { type: 'NotFoundError', applied: 'no' } });
    expect(result.content).toEqual([{ type: 'text', text: JSON.stringify(result.structuredContent) }]);
  });

  it("reports a 500 after the write landed as applied: 'unknown', sent once", async () => {
    const sandbox = await startSandbox();
    const { client } = await connect({ supermemory: sandboxClients(sandbox).supermemory });
    sandbox.supermemory.failNext({ status: 500, applied: true });
    const result = await client.callTool({
      name: 'supermemory_update_memory',
      arguments: { containerTag: 'user_123', id: 'mem_abc123', newContent: 'John now prefers light mode' },
    });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ ok: false, error: { type: 'ServerError', applied: 'unknown' } });
    expect(sandbox.supermemory.requests).toHaveLength(1);
    expect(sandbox.supermemory.versions('user_123').map((memory) => memory.memory)).toContain('John now prefers light mode');
  });

  it('aborts the provider call when the MCP client cancels the tool call', async () => {
    let reached!: (signal: AbortSignal) => void;
    const fetched = new Promise<AbortSignal>((resolve) => (reached = resolve));
    // A provider that never answers: only an abort ends the request.
    const mielto = new Mielto({
      apiKey: 'k',
      fetch: (request) => {
        reached(request.signal);
        return new Promise<Response>((_, reject) =>
          request.signal.addEventListener('abort', () => reject(request.signal.reason as Error)),
        );
      },
    });
    const { client } = await connect({ mielto });
    const cancel = new AbortController();
    const call = client.callTool(
      { name: 'mielto_update_memory', arguments: { memory_id: 'mem_1', memory: 'x' } },
      { signal: cancel.signal },
    );
    const signal = await fetched;
    const aborted = new Promise((resolve) => signal.addEventListener('abort', resolve));
    cancel.abort(new Error('the user gave up'));
    await expect(call).rejects.toThrow('the user gave up');
    await aborted;
    expect(signal.aborted).toBe(true);
  });
});

describe('toolCallResult', () => {
  it('sets isError exactly when the tool failed', () => {
    expect(toolCallResult({ ok: true, result: { id: 1 } })).toEqual({
      content: [{ type: 'text', text: '{"ok":true,"result":{"id":1}}' }],
      structuredContent: { ok: true, result: { id: 1 } },
      isError: false,
    });
    const failed = { ok: false as const, error: { type: 'TimeoutError', message: 'm', applied: 'unknown' as const } };
    expect(toolCallResult(failed)).toMatchObject({ structuredContent: failed, isError: true });
  });
});
