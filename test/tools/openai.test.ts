import { Ajv } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { MemoryLayer, Mielto, OpenSearchMemory, Supermemory } from '../../src/index.js';
import { memoryTools, openAITools, runToolCall, strictModeObstacle, type OpenAIFunctionTool } from '../../src/tools/openai.js';
import { useMieltoFake } from '../helpers/mielto.js';
import { API_KEY } from '../helpers/use-fake.js';

const clients = {
  mielto: new Mielto({ apiKey: API_KEY }),
  memoryLayer: new MemoryLayer({ apiKey: API_KEY }),
  supermemory: new Supermemory({ apiKey: API_KEY }),
  openSearch: new OpenSearchMemory({ baseUrl: 'https://search.example.com', auth: { apiKey: API_KEY } }),
};
const definitions = openAITools(clients);
const byName = new Map(definitions.map((tool) => [tool.function.name, tool]));
// Strict JSON Schema checking: a keyword ajv does not know fails the compile. Formats are OpenAI's to check.
const ajv = new Ajv({ strict: true, strictTypes: false, validateFormats: false, allErrors: true });
const validators = new Map(definitions.map((tool) => [tool.function.name, ajv.compile(tool.function.parameters)]));

describe('openAITools definitions', () => {
  it('are Chat Completions function tools: a valid name, a description, a closed plain-JSON schema', () => {
    expect(definitions.map((tool) => tool.function.name)).toEqual(memoryTools(clients).map((tool) => tool.name));
    for (const tool of definitions) {
      expect(Object.keys(tool).sort()).toEqual(['function', 'type']);
      expect(tool.type).toBe('function');
      expect(Object.keys(tool.function).sort()).toEqual(['description', 'name', 'parameters', 'strict']);
      expect(tool.function.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      expect(tool.function.description.length).toBeGreaterThan(20);
      expect(tool.function.parameters).toMatchObject({ type: 'object', additionalProperties: false });
      expect(JSON.parse(JSON.stringify(tool.function.parameters))).toEqual(tool.function.parameters);
      expect(JSON.stringify(tool.function.parameters)).not.toContain('~standard');
    }
  });

  it('are fresh copies: changing one does not change the tools', () => {
    (openAITools(clients)[0]!.function.parameters.properties as Record<string, unknown>).memory_id = {};
    expect(openAITools(clients)[0]!.function.parameters.properties).toHaveProperty('memory_id', { type: 'string' });
  });

  it("accept each of the spec's request examples, with its path parameters", () => {
    const checked = specExamples().flatMap(({ tools, pathParams, example }) => {
      const users = tools.filter((name) => Object.keys(example).every((key) => key in fieldsOf(name)));
      expect(users, JSON.stringify(example)).not.toHaveLength(0);
      return users.map((name) => {
        const input = {
          ...placeholders(pathParams.filter((param) => param in fieldsOf(name))),
          ...example,
        };
        expect(validators.get(name)!(input), `${name} ${JSON.stringify(validators.get(name)!.errors)}`).toBe(true);
        return name;
      });
    });
    expect(new Set(checked)).toEqual(new Set([...byName.keys()].filter((name) => !name.startsWith('mielto_')))); // Mielto's spec has none
  });

  it('accept their required fields alone, and refuse an unknown key', () => {
    for (const { function: fn } of definitions) {
      const input = placeholders(fn.parameters.required as string[]);
      expect(validators.get(fn.name)!(input), fn.name).toBe(true);
      expect(validators.get(fn.name)!({ ...input, memroy: 'x' }), fn.name).toBe(false);
      expect(validators.get(fn.name)!.errors).toMatchObject([
        { keyword: 'additionalProperties', params: { additionalProperty: 'memroy' } },
      ]);
    }
  });

  it('are strict nowhere today, each for a reason strict mode cannot express', () => {
    const obstacles = (schemaOf: (tool: OpenAIFunctionTool) => Record<string, unknown>) =>
      Object.fromEntries(definitions.map((tool) => [tool.function.name, strictModeObstacle(schemaOf(tool))]));
    expect(definitions.map((tool) => tool.function.strict)).toEqual(definitions.map(() => false));
    expect(obstacles((tool) => tool.function.parameters)).toEqual({
      mielto_update_memory: '`user_id` is optional',
      mielto_replace_memory: '`user_id` is optional',
      memorylayer_update_memory: '`content` is optional',
      supermemory_update_memory: '`id` is optional',
      opensearch_update_session: '`summary` is optional',
      opensearch_update_working_memory: '`messages` is optional',
      opensearch_update_long_term_memory: '`memory` is optional',
    });
    // Were every field required, each would still have something strict mode refuses.
    const open = 'an object takes keys it does not list';
    expect(
      obstacles(({ function: { parameters } }) => ({ ...parameters, required: Object.keys(properties(parameters)) })),
    ).toEqual({
      mielto_update_memory: `${open} (at \`metadata\`)`,
      mielto_replace_memory: `${open} (at \`metadata\`)`,
      memorylayer_update_memory: `${open} (at \`metadata\`)`,
      supermemory_update_memory: "`examples` is not in strict mode's subset (at `id`)",
      opensearch_update_session: `${open} (at \`metadata\`)`,
      opensearch_update_working_memory: "`examples` is not in strict mode's subset (at `messages[].role`)",
      opensearch_update_long_term_memory: `${open} (at \`tags\`)`,
    });
  });
});

describe('strictModeObstacle', () => {
  const closed = (props: Record<string, object>, extra: object = {}) => ({
    type: 'object',
    properties: props,
    required: Object.keys(props),
    additionalProperties: false,
    ...extra,
  });

  it('passes a closed schema whose fields are all required, with nullable, enum, array and nested object fields', () => {
    const nested = closed({ role: { type: 'string', enum: ['user', 'assistant'] } });
    const schema = closed({
      id: { type: 'string', description: 'The id', pattern: '^mem_' },
      note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      at: { type: 'string', format: 'date-time' },
      score: { type: 'number', minimum: 0, maximum: 1 },
      messages: { type: 'array', items: nested, maxItems: 10 },
    });
    expect(strictModeObstacle(schema)).toBeUndefined();
  });

  it.each([
    ['an optional field', { ...closed({ id: { type: 'string' } }), required: [] }, '`id` is optional'],
    ['an open root', { ...closed({}), additionalProperties: true }, 'an object takes keys it does not list'],
    ['a root that is not an object', { anyOf: [closed({})] }, 'the root is not an object'],
    ['minLength', closed({ text: { type: 'string', minLength: 1 } }), "`minLength` is not in strict mode's subset (at `text`)"],
    [
      'an unchecked format',
      closed({ url: { type: 'string', format: 'uri' } }),
      'format `uri` is not one strict mode checks (at `url`)',
    ],
    ['any value', closed({ data: {} }), 'any value is allowed (at `data`)'],
    [
      'an open object in a nullable branch',
      closed({ meta: { anyOf: [{ type: 'object' }, { type: 'null' }] } }),
      'an object takes keys it does not list (at `meta`)',
    ],
    [
      'an optional field of an item',
      closed({ list: { type: 'array', items: { ...closed({ a: { type: 'string' } }), required: [] } } }),
      '`list[].a` is optional',
    ],
    [
      'an open map of values',
      closed({ tags: { type: 'object', additionalProperties: { type: 'string' } } }),
      'an object takes keys it does not list (at `tags`)',
    ],
  ])('refuses %s', (_case, schema, obstacle) => {
    expect(strictModeObstacle(schema)).toBe(obstacle);
  });
});

describe('running a Chat Completions tool call', () => {
  const { fake, client } = useMieltoFake();

  it("is the named tool's execute on the parsed arguments: a typo comes back as a result naming the field", async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'u_1', memory: 'Likes coffee' }]);
    const tools = memoryTools({ mielto: client() });
    const run = (args: object) => {
      const call = {
        id: 'call_1',
        type: 'function',
        function: { name: 'mielto_update_memory', arguments: JSON.stringify(args) },
      };
      return tools.find((tool) => tool.name === call.function.name)!.execute(JSON.parse(call.function.arguments));
    };

    expect(await run({ memory_id: 'mem_1', memroy: 'Prefers tea' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('did you mean `memory`?') as string, applied: 'no' },
    });
    expect(await run({ memory_id: 'mem_1', memory: 'Prefers tea' })).toMatchObject({ ok: true });
    expect(fake.requests.map((request) => request.method)).toEqual(['PUT']);
  });

  it('with runToolCall, answers with the tool message, and a wrong tool name or arguments that are not JSON with an ok: false result, never throwing', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'u_1', memory: 'Likes coffee' }]);
    const tools = memoryTools({ mielto: client() });
    const answer = async (name: string, args: string) => {
      const message = await runToolCall(tools, { id: 'call_7', function: { name, arguments: args } });
      expect(message).toMatchObject({ role: 'tool', tool_call_id: 'call_7' });
      return JSON.parse(message.content) as unknown;
    };
    const refused = (message: string) => ({ ok: false, error: { type: 'InvalidArgumentError', message, applied: 'no' } });

    expect(await answer('mielto_updat_memory', '{"memory_id":"mem_1","memory":"Tea"}')).toEqual(
      refused('`mielto_updat_memory` is not a tool here; did you mean `mielto_update_memory`? Nothing was sent.'),
    );
    expect(await answer('forget_everything', '{}')).toEqual(
      refused(
        '`forget_everything` is not a tool here; the tools are mielto_update_memory, mielto_replace_memory. Nothing was sent.',
      ),
    );
    // Cut short, as a model out of tokens leaves it; the message does not quote the memory.
    expect(await answer('mielto_update_memory', '{"memory_id":"mem_1","memory":"Prefers te')).toEqual(
      refused('The arguments of mielto_update_memory are not JSON: send its fields as one JSON object. Nothing was sent.'),
    );
    for (const blank of ['', ' \n ']) {
      expect(await answer('mielto_update_memory', blank)).toMatchObject({
        ok: false,
        error: { message: '`memory_id` is required by mielto_update_memory. Nothing was sent.' },
      });
    }
    expect(fake.requests).toHaveLength(0);
    expect(await answer('mielto_update_memory', '{"memory_id":"mem_1","memory":"Prefers tea"}')).toMatchObject({ ok: true });
    expect(fake.get('mem_1')?.memory).toBe('Prefers tea');
  });
});

interface SpecOperation {
  'x-memwire-name'?: string;
  'x-memwire-variants'?: { name: string }[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: { 'application/json'?: { examples?: Record<string, { value: Record<string, unknown> }> } } };
}

/** Every request example in spec/*.yaml, with the tools of its operation and the operation's path parameters. */
function specExamples() {
  const dir = new URL('../../spec/', import.meta.url);
  return readdirSync(dir).flatMap((file) => {
    const spec = load(readFileSync(new URL(file, dir), 'utf8')) as { paths: Record<string, Record<string, SpecOperation>> };
    return Object.values(spec.paths).flatMap((item) =>
      Object.values(item).flatMap((operation) => {
        const tools = operation['x-memwire-variants']?.map((variant) => variant.name) ?? [operation['x-memwire-name'] ?? ''];
        const pathParams = (operation.parameters ?? []).filter((param) => param.in === 'path').map((param) => param.name);
        const examples = Object.values(operation.requestBody?.content?.['application/json']?.examples ?? {});
        return examples.map(({ value }) => ({ tools, pathParams, example: value }));
      }),
    );
  });
}

const fieldsOf = (name: string) => properties(byName.get(name)!.function.parameters);

function properties(schema: Record<string, unknown>): Record<string, unknown> {
  return schema.properties as Record<string, unknown>;
}

/** A value for each field: an id-like string, which every required field here takes. */
function placeholders(fields: string[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field, `${field}_1`]));
}
