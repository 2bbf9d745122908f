import { transformSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { generateText, stepCountIs } from 'ai';
import { describe, expect, it } from 'vitest';
import { Mielto, Supermemory } from '../../src/index.js';
import { createMieltoFake, createSupermemoryFake } from '../../src/testing/index.js';
import { aiSdkTools } from '../../src/tools/ai-sdk.js';
import { API_KEY, useFake } from '../helpers/use-fake.js';
import { scriptedModel, toolResultsSeen, type ScriptedCall } from './scripted-model.js';

// Both fakes on one msw server and one clock.
const { fake, timing } = useFake((clock) => {
  const mielto = createMieltoFake({ apiKey: API_KEY, clock });
  const supermemory = createSupermemoryFake({ apiKey: API_KEY, clock });
  return {
    mielto,
    supermemory,
    handlers: [...mielto.handlers, ...supermemory.handlers],
    reset: () => (mielto.reset(), supermemory.reset()),
  };
});

const tools = () =>
  aiSdkTools({
    mielto: new Mielto({ apiKey: API_KEY, ...timing }),
    supermemory: new Supermemory({ apiKey: API_KEY, ...timing }),
  });

/** Runs an agent loop whose model makes `steps`' tool calls, then answers. */
async function runAgent(steps: ScriptedCall[][]) {
  const model = scriptedModel(steps);
  const result = await generateText({
    model,
    tools: tools(),
    stopWhen: stepCountIs(steps.length + 2),
    prompt: 'Update my memory.',
  });
  return { model, result };
}

describe('aiSdkTools in an agent loop', () => {
  it('tells the model a misspelled field and its likely name; the corrected call writes once', async () => {
    fake.mielto.seed([{ memory_id: 'mem_1', user_id: 'u_1', memory: 'Likes coffee' }]);
    const { model, result } = await runAgent([
      [{ toolName: 'mielto_update_memory', input: { memory_id: 'mem_1', memroy: 'Prefers tea' } }],
      [{ toolName: 'mielto_update_memory', input: { memory_id: 'mem_1', memory: 'Prefers tea' } }],
    ]);

    const [first] = toolResultsSeen(model, 1);
    expect(first).toMatchObject({ type: 'json', value: { ok: false, error: { type: 'InvalidArgumentError', applied: 'no' } } });
    expect(JSON.stringify(first)).toContain('`memroy` is not a field of mielto_update_memory; did you mean `memory`?');
    expect(toolResultsSeen(model, 2)).toMatchObject([
      { type: 'json', value: { ok: true, result: { memory: { memory_id: 'mem_1', memory: 'Prefers tea' } } } },
    ]);
    expect(result.text).toBe('Done.');
    expect(fake.mielto.requests.filter((request) => request.method === 'PUT')).toHaveLength(1);
    expect(fake.mielto.get('mem_1')?.memory).toBe('Prefers tea');
  });

  it("gives the model a 422's field errors", async () => {
    fake.mielto.seed([{ memory_id: 'mem_1', user_id: 'u_1', memory: 'Likes coffee' }]);
    const { model } = await runAgent([[{ toolName: 'mielto_update_memory', input: { memory_id: 'mem_1', topics: 'drinks' } }]]);

    expect(fake.mielto.requests).toHaveLength(1);
    expect(toolResultsSeen(model, 1)).toMatchObject([
      {
        type: 'json',
        value: { ok: false, error: { type: 'ValidationError', fieldErrors: { topics: [expect.any(String)] }, applied: 'no' } },
      },
    ]);
  });

  it('says a Supermemory update answered 500 after it was applied may have landed, and does not repeat it', async () => {
    fake.supermemory.seed([{ containerTag: 'user_123', id: 'mem_abc123', memory: 'John prefers dark mode' }]);
    fake.supermemory.failNext({ status: 500, applied: true });
    const input = { containerTag: 'user_123', id: 'mem_abc123', newContent: 'John now prefers light mode' };
    const { model } = await runAgent([[{ toolName: 'supermemory_update_memory', input }]]);

    expect(toolResultsSeen(model, 1)).toMatchObject([{ type: 'json', value: { ok: false, error: { applied: 'unknown' } } }]);
    expect(fake.supermemory.requests).toHaveLength(1);
    expect(fake.supermemory.versions('user_123').map((version) => version.memory)).toEqual([
      'John prefers dark mode',
      'John now prefers light mode',
    ]);
  });

  it('sends the model each schema as memwire wrote it: free-form objects stay open', async () => {
    const { model } = await runAgent([]);
    const sent = model.doGenerateCalls[0]!.tools!;
    expect(sent.map((tool) => tool.name)).toEqual(['mielto_update_memory', 'mielto_replace_memory', 'supermemory_update_memory']);
    const mielto = sent[0] as { inputSchema: { properties: Record<string, unknown> } };
    expect(mielto.inputSchema).not.toHaveProperty('~standard');
    expect(mielto.inputSchema.properties.metadata).toMatchObject({
      anyOf: [{ type: 'object', additionalProperties: true }, { type: 'null' }],
    });
  });

  it("passes the call's abort signal to the request", async () => {
    fake.mielto.seed([{ memory_id: 'mem_1', user_id: 'u_1', memory: 'Likes coffee' }]);
    const update = tools().mielto_update_memory!;
    const input = { memory_id: 'mem_1', memory: 'Prefers tea' };
    const result = await update.execute!(input, { toolCallId: 'call_1', messages: [], abortSignal: AbortSignal.abort() });

    expect(result).toMatchObject({ ok: false, error: { type: 'AbortError', applied: 'no' } });
    expect(fake.mielto.requests).toHaveLength(0);
    expect(fake.mielto.get('mem_1')?.memory).toBe('Likes coffee');
  });
});

describe('memwire/ai-sdk without ai', () => {
  it('imports ai for types only, so nothing of it is loaded at run time', () => {
    const { code } = transformSync(readFileSync(new URL('../../src/tools/ai-sdk.ts', import.meta.url), 'utf8'), { loader: 'ts' });
    expect(code).not.toMatch(/from ["'](ai|@ai-sdk\/[^"']+)["']/);
    expect(code).not.toMatch(/import\(["']ai["']\)/);
  });
});
