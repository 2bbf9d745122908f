import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryLayer, Mielto, OpenSearchMemory, Supermemory } from '../../src/index.js';
import { memoryTools, type MemoryTool } from '../../src/tools/index.js';
import { fourFakes } from '../helpers/four-fakes.js';
import { ALL_TOOLS } from './tool-names.js';
import { API_KEY } from '../helpers/use-fake.js';

const { clock, osBase, fakes, seedAll: seed, options } = fourFakes();
const clients = {
  mielto: new Mielto({ apiKey: API_KEY, ...options }),
  memoryLayer: new MemoryLayer({ apiKey: API_KEY, ...options }),
  supermemory: new Supermemory({ apiKey: API_KEY, ...options }),
  openSearch: new OpenSearchMemory({ baseUrl: osBase, auth: { apiKey: API_KEY }, ...options }),
};
const tools = memoryTools(clients);
const tool = (name: string): MemoryTool => tools.find((candidate) => candidate.name === name)!;
const run = (name: string, input: unknown) => clock.run(tool(name).execute(input));
beforeEach(seed);

describe('memoryTools', () => {
  it('gives one tool per operation of each client given, named as the operations are', () => {
    expect(tools.map((candidate) => candidate.name)).toEqual(ALL_TOOLS);
    expect(memoryTools({ supermemory: clients.supermemory }).map((candidate) => candidate.name)).toEqual([
      'supermemory_update_memory',
    ]);
    expect(memoryTools({})).toEqual([]);
  });

  it('gives each a closed flat schema: path parameters beside the body fields, required as the spec requires', () => {
    const { inputSchema } = tool('mielto_replace_memory');
    expect(Object.keys(inputSchema.properties)).toEqual(['memory_id', 'user_id', 'memory', 'topics', 'metadata']);
    expect(inputSchema.required).toEqual(['memory_id', 'memory']);
    expect(inputSchema.additionalProperties).toBe(false);
    expect(tool('opensearch_update_working_memory').inputSchema.required).toEqual(['memory_container_id', 'id']);
    expect(tool('supermemory_update_memory').inputSchema.required).toEqual(['containerTag', 'newContent']);
    // Its JSON Schema, as the Standard Schema hands it out, holds no ~standard key.
    expect(Object.keys(tool('mielto_update_memory').inputSchema['~standard'].jsonSchema.input())).not.toContain('~standard');
  });

  it('annotates each as MCP does: a write, idempotent as the spec says, destructive where it overwrites', () => {
    expect(tool('mielto_update_memory').annotations).toMatchObject({
      readOnlyHint: false,
      idempotentHint: true,
      destructiveHint: true,
      openWorldHint: true,
    });
    expect(tool('mielto_replace_memory').annotations).toMatchObject({ idempotentHint: false, destructiveHint: true });
    expect(tool('supermemory_update_memory').annotations).toMatchObject({ idempotentHint: false, destructiveHint: false });
    expect(tool('opensearch_update_session').annotations).toMatchObject({ idempotentHint: true, destructiveHint: true });
  });

  it('describes each from its spec, with the facts a model needs', () => {
    expect(tool('memorylayer_update_memory').description).toMatch(/metadata` object is replaced, not merged/);
    expect(tool('supermemory_update_memory').description).toMatch(/creating a new version/);
    expect(tool('supermemory_update_memory').description).toMatch(/never repeat one whose result says applied "unknown"/);
    expect(tool('opensearch_update_long_term_memory').description).toMatch(/History memory does not support updates/);
    expect(tools.map((candidate) => candidate.description).join('\n')).not.toContain(API_KEY);
  });
});

describe('execute', () => {
  it('applies an update and resolves to what the server returned', async () => {
    seed();
    const result = await run('mielto_update_memory', { memory_id: 'mem_1', memory: 'Likes coffee' });
    expect(result).toMatchObject({ ok: true, result: { memory_id: 'mem_1', memory: { memory: 'Likes coffee' } } });
    expect(fakes.mielto.get('mem_1')?.memory).toBe('Likes coffee');
  });

  it('refuses a misspelled field, naming it and the field it probably meant, and sends nothing', async () => {
    seed();
    const result = await run('mielto_update_memory', { memory_id: 'mem_1', memroy: 'Likes coffee' });
    expect(result).toEqual({
      ok: false,
      error: {
        type: 'InvalidArgumentError',
        message: '`memroy` is not a field of mielto_update_memory; did you mean `memory`? Nothing was sent.',
        applied: 'no',
      },
    });
    expect(fakes.mielto.requests).toHaveLength(0);
  });

  it('refuses a missing required field and a path parameter that is no id, sending nothing', async () => {
    const missing = await run('supermemory_update_memory', { containerTag: 'user_1', id: 'mem_1' });
    expect(missing).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('`newContent` is required') as unknown },
    });
    const noId = await run('memorylayer_update_memory', { id: 42, content: 'x' });
    expect(noId).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('`id` must be a non-empty string') as unknown },
    });
    expect(await run('memorylayer_update_memory', 'not an object')).toMatchObject({
      ok: false,
      error: { message: 'memorylayer_update_memory takes one object of fields, got string. Nothing was sent.', applied: 'no' },
    });
    expect(fakes.supermemory.requests).toHaveLength(0);
    expect(fakes.memoryLayer.requests).toHaveLength(0);
  });

  it('gives a 422 back as fieldErrors the model can read', async () => {
    seed();
    const result = await run('mielto_replace_memory', { memory_id: 'mem_1', memory: 'x', topics: 'not a list' });
    expect(result).toMatchObject({ ok: false, error: { type: 'ValidationError', applied: 'no' } });
    expect((result as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors).toHaveProperty('topics');
  });

  it('says a Supermemory update answered 500 after it was applied is "unknown", and makes one version', async () => {
    seed();
    fakes.supermemory.failNext({ status: 500, applied: true });
    const result = await run('supermemory_update_memory', { containerTag: 'user_1', id: 'mem_1', newContent: 'Likes coffee' });
    expect(result).toMatchObject({ ok: false, error: { type: 'ServerError', applied: 'unknown' } });
    expect((result as { error: { message: string } }).error.message).toContain('check the memory before repeating it');
    expect(fakes.supermemory.versions('user_1')).toHaveLength(2);
    expect(fakes.supermemory.requests).toHaveLength(1);
  });

  it('updates OpenSearch long-term memory through its own tool', async () => {
    seed();
    const result = await run('opensearch_update_long_term_memory', {
      memory_container_id: 'c1',
      id: 'l1',
      memory: 'Likes coffee',
    });
    expect(result).toMatchObject({ ok: true, result: { result: 'updated' } });
  });

  it('never shows the key in a result, even when the server echoes it', async () => {
    fakes.mielto.failNext({ status: 401, body: { detail: `bad key ${API_KEY}` } });
    const result = await run('mielto_update_memory', { memory_id: 'mem_1', memory: 'x' });
    expect(result).toMatchObject({ ok: false, error: { type: 'AuthenticationError', applied: 'no' } });
    expect(JSON.stringify(result)).not.toContain(API_KEY);
  });
});
