// `memwire mcp` as a real stdio child process, driven by the MCP TypeScript SDK v2's own client.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { useSandboxes } from '../sandbox/use-sandboxes.js';
import { cliEnv, collect, connectMemwire, MEMWIRE, PROVIDER_VARIABLES, runMemwire } from './cli-process.js';

const startSandbox = useSandboxes();

/** Each tool's hints: never read-only, always open-world; idempotent and destructive as the operation is. */
const HINTS = {
  mielto_update_memory: { idempotentHint: true, destructiveHint: true },
  mielto_replace_memory: { idempotentHint: false, destructiveHint: true },
  memorylayer_update_memory: { idempotentHint: true, destructiveHint: true },
  supermemory_update_memory: { idempotentHint: false, destructiveHint: false },
  opensearch_update_session: { idempotentHint: true, destructiveHint: true },
  opensearch_update_working_memory: { idempotentHint: true, destructiveHint: true },
  opensearch_update_long_term_memory: { idempotentHint: true, destructiveHint: true },
};

const TYPO = { name: 'mielto_update_memory', arguments: { memory_id: 'mem_coffee', memroy: 'Ada now drinks tea' } };
const UPDATE = { name: 'mielto_update_memory', arguments: { memory_id: 'mem_coffee', memory: 'Ada now drinks tea' } };

function text(result: { content?: unknown }): string {
  return (result.content as { type: string; text: string }[]).map((block) => block.text).join('\n');
}

describe('memwire mcp --sandbox', () => {
  it('lists the seven tools, each with a closed schema and its annotations', async () => {
    const { client } = await connectMemwire(['mcp', '--sandbox']);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(Object.keys(HINTS));
    for (const tool of tools) {
      expect(tool.inputSchema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(tool.annotations).toEqual({
        title: tool.title,
        readOnlyHint: false,
        openWorldHint: true,
        ...HINTS[tool.name as keyof typeof HINTS],
      });
    }
    expect(client.getInstructions()).toContain('mem_coffee');
  });

  it('refuses a misspelled field with nothing sent, applies an update, and stops when stdin closes', async () => {
    const { client, stderr } = await connectMemwire(['mcp', '--sandbox']);
    const refused = await client.callTool(TYPO);
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain('`memroy` is not a field of mielto_update_memory; did you mean `memory`?');

    const applied = await client.callTool(UPDATE);
    expect(applied.isError).toBe(false);
    expect(applied.structuredContent).toMatchObject({ ok: true, result: { memory: { memory: 'Ada now drinks tea' } } });
    // The sandbox logs each request it gets to stderr: the update's is the only one.
    await stderr.waitFor(/sandbox: PUT \/api\/v1\/memories\/mem_coffee ws=ws_personal -> 200/);
    expect(stderr.text.match(/sandbox: [A-Z]+ \//g)).toHaveLength(1);

    await client.close();
    await stderr.waitFor(/stopping \(stdin closed\)/);
  });
});

describe('memwire mcp with the environment', () => {
  it("serves only Mielto's two tools when only Mielto is configured, refusing a typo before sending", async () => {
    const sandbox = await startSandbox();
    const env = cliEnv({ MIELTO_API_KEY: sandbox.apiKey, MIELTO_BASE_URL: sandbox.url, MIELTO_WORKSPACE_ID: 'ws_personal' });
    const { client } = await connectMemwire(['mcp'], env);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['mielto_update_memory', 'mielto_replace_memory']);

    expect((await client.callTool(TYPO)).isError).toBe(true);
    expect(sandbox.mielto.requests).toHaveLength(0);

    expect((await client.callTool(UPDATE)).isError).toBe(false);
    expect(sandbox.mielto.get('mem_coffee', 'ws_personal')?.memory).toBe('Ada now drinks tea');
  });

  it("reports Supermemory's 500 after the write landed as applied: 'unknown', sent once", async () => {
    const sandbox = await startSandbox();
    const { client } = await connectMemwire(
      ['mcp'],
      cliEnv({ SUPERMEMORY_API_KEY: sandbox.apiKey, SUPERMEMORY_BASE_URL: sandbox.url }),
    );
    sandbox.supermemory.failNext({ status: 500, applied: true });
    const result = await client.callTool({
      name: 'supermemory_update_memory',
      arguments: { containerTag: 'user_123', id: 'mem_abc123', newContent: 'John now prefers light mode' },
    });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ ok: false, error: { type: 'ServerError', applied: 'unknown' } });
    expect(JSON.parse(text(result))).toEqual(result.structuredContent);
    expect(sandbox.supermemory.requests).toHaveLength(1);
    expect(sandbox.supermemory.versions('user_123').map((memory) => memory.memory)).toContain('John now prefers light mode');
  });

  it('exits with 1 and lists the variables on stderr when no provider is configured', async () => {
    const { code, stdout, stderr } = await runMemwire(['mcp']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('no provider is configured');
    for (const name of PROVIDER_VARIABLES) expect(stderr).toContain(name);
    expect(stderr).toContain('OPENSEARCH_API_KEY or OPENSEARCH_TOKEN');
  });

  it('exits with 1 and names the variables set in part', async () => {
    const { code, stdout, stderr } = await runMemwire(
      ['mcp'],
      cliEnv({ MIELTO_API_KEY: 'k', OPENSEARCH_URL: 'http://127.0.0.1:9' }),
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('OpenSearch: OPENSEARCH_URL needs credentials');
  });

  it('says what to install when the MCP SDK is not installed', async () => {
    const hide = ['--import', './test/cli/fixtures/without-mcp-sdk.mjs'];
    const child = spawn(process.execPath, [...MEMWIRE.slice(0, 2), ...hide, ...MEMWIRE.slice(2), 'mcp', '--sandbox'], {
      env: cliEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    const [code] = (await once(child, 'close')) as [number | null];
    expect(code).toBe(1);
    expect(stdout.text).toBe('');
    expect(stderr.text).toContain('npm install @modelcontextprotocol/server');
    expect(stderr.text).toContain('npx -y -p memwire -p @modelcontextprotocol/server memwire mcp');
  });
});

describe('memwire mcp: stdout is the protocol', () => {
  it('writes nothing but JSON-RPC messages to stdout, logs (MEMWIRE_LOG=debug too) to stderr, and exits 0 when stdin closes', async () => {
    const child = spawn(process.execPath, [...MEMWIRE, 'mcp', '--sandbox'], {
      env: cliEnv({ MEMWIRE_LOG: 'debug' }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const closed = once(child, 'close') as Promise<[code: number | null]>;
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    const send = (message: object) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);

    send({
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } },
    });
    await stdout.waitFor(/"id":1}\n/);
    send({ method: 'notifications/initialized' });
    send({ id: 2, method: 'tools/call', params: UPDATE });
    await stdout.waitFor(/"id":2}\n/);
    child.stdin.end();
    const [code] = await closed;

    expect(code).toBe(0);
    const lines = stdout.text.trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { jsonrpc: string; id: number }).id)).toEqual([1, 2]);
    expect(stderr.text).toContain('memwire mcp: serving 7 tools for Mielto, MemoryLayer, Supermemory, OpenSearch over stdio');
    expect(stderr.text).toMatch(/^memwire: Mielto memories.update: PUT .* attempt 1: 200/m); // memwire's own debug log
    expect(stderr.text).toContain('memwire mcp: stopping (stdin closed)');
  });
});

describe('memwire (the bin)', () => {
  it('prints the usage for --help, and exits with 2 and the usage without a command', async () => {
    const help = await runMemwire(['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('Usage: memwire <command>');
    expect(help.stdout).toContain('mcp [--sandbox]');

    const none = await runMemwire([]);
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toContain('memwire: no command given');
    expect(none.stderr).toContain('Usage: memwire <command>');
  });
});
