// The pieces every tool is made of, one at a time: the did-you-mean, the input check, the error as
// JSON, the title and description, and OpenAI's strict flag. Each tool is built inside its test.
import { describe, expect, it } from 'vitest';
import { ConnectionError, HookError, Mielto, NotFoundError, Supermemory, ValidationError } from '../../src/index.js';
import { didYouMean } from '../../src/tools/did-you-mean.js';
import { inputSchema } from '../../src/tools/input-schema.js';
import { memoryTools } from '../../src/tools/memory-tools.js';
import { openAITools, strictModeObstacle } from '../../src/tools/openai.js';
import { toolError } from '../../src/tools/tool-error.js';
import { TOOL_OPERATIONS, type ToolOperation } from '../../src/tools/tool-operations.js';
import { API_KEY } from '../helpers/use-fake.js';

const clients = { mielto: new Mielto({ apiKey: API_KEY }), supermemory: new Supermemory({ apiKey: API_KEY }) };
const FIELDS = ['memory', 'topics', 'metadata', 'user_id'];

describe('didYouMean', () => {
  it.each([
    ['the same name in another case', 'MEMORY', FIELDS, 'memory'],
    ['two letters swapped, counted as one edit', 'memroy', FIELDS, 'memory'],
    ['a swap in a short name, where one edit is all it may be', 'tpoic', ['topic'], 'topic'],
    ['a letter left out', 'tpics', FIELDS, 'topics'],
    ['a letter left out at the start', 'emory', ['memory'], 'memory'],
    ['letters left out at the start, past what a short name may be', 'ory', ['memory', 'orb'], 'orb'],
    ['a third of a long name wrong', 'metdta', ['metadata'], 'metadata'],
    ['the first of names as near', 'cat', ['bat', 'hat'], 'bat'],
  ])('%s: %s → %s', (_, typed, names, expected) => {
    expect(didYouMean(typed, names)).toBe(expected);
  });

  it.each([
    ['nothing near', 'xyz', FIELDS],
    ['a short name two edits away, whichever two', 'ab', ['cd']],
    ['two swaps in a short name', 'abcd', ['badc']],
    ['more than a third of a name wrong', 'mtdta', ['metadata']],
    ['no names', 'memory', []],
  ])('%s: %s → nothing', (_, typed, names) => {
    expect(didYouMean(typed, names)).toBeUndefined();
  });
});

describe('a tool input check', () => {
  const tool = (name: string) => memoryTools(clients).find((candidate) => candidate.name === name)!;
  const issues = (name: string, value: unknown) => {
    const checked = tool(name).inputSchema['~standard'].validate(value);
    return 'issues' in checked ? checked.issues : [];
  };

  it.each([
    ['an array', []],
    ['null', null],
    ['string', 'mem_1'],
    ['undefined', undefined],
  ])('refuses what is not one object: %s', (kind, value) => {
    expect(issues('mielto_update_memory', value)).toEqual([
      { message: `mielto_update_memory takes one object of fields, got ${kind}.` },
    ]);
  });

  it('names each required field missing, path parameters first', () => {
    expect(issues('mielto_replace_memory', {})).toEqual([
      { message: '`memory_id` is required by mielto_replace_memory.', path: ['memory_id'] },
      { message: '`memory` is required by mielto_replace_memory.', path: ['memory'] },
    ]);
  });

  it.each([[''], [42], [null]])('refuses a path parameter that is not a non-empty string: %j', (id) => {
    expect(issues('mielto_update_memory', { memory_id: id, memory: 'x' })).toEqual([
      { message: '`memory_id` must be a non-empty string (an id).', path: ['memory_id'] },
    ]);
  });

  it('refuses what the client would refuse of known fields: a partial update that sets none, a Supermemory update that finds no memory', () => {
    expect(issues('mielto_update_memory', { memory_id: 'mem_1' })).toEqual([
      { message: 'mielto_update_memory needs one of `user_id`, `memory`, `topics`, `metadata` (or it changes nothing).' },
    ]);
    // A field given as undefined is not sent: JSON leaves it out.
    expect(issues('mielto_update_memory', { memory_id: 'mem_1', memory: undefined })).toHaveLength(1);
    expect(issues('supermemory_update_memory', { containerTag: 'u', newContent: 'x' })).toEqual([
      { message: 'supermemory_update_memory needs one of `id`, `content` (to find the memory).' },
    ]);
    expect(issues('supermemory_update_memory', { containerTag: 'u', newContent: 'x', content: 'y' })).toEqual([]);
    // A replace requires its body field, so it is never empty; a typo is named alone.
    expect(issues('mielto_update_memory', { memory_id: 'mem_1', memroy: 'x' })).toHaveLength(1);
  });

  it('takes any value of a body field as it is (the server checks its type)', () => {
    expect(issues('mielto_update_memory', { memory_id: 'mem_1', memory: 42 })).toEqual([]);
  });

  it('lists the fields it takes when no field is near the one given', () => {
    expect(issues('mielto_update_memory', { memory_id: 'mem_1', zzzzzz: 1 })).toEqual([
      {
        message:
          '`zzzzzz` is not a field of mielto_update_memory; it takes `memory_id`, `user_id`, `memory`, `topics`, `metadata`.',
        path: ['zzzzzz'],
      },
    ]);
  });

  it('is a Standard Schema of vendor memwire that passes a good input on as it is', () => {
    const standard = tool('mielto_update_memory').inputSchema['~standard'];
    const input = { memory_id: 'mem_1', memory: 'x' };
    expect([standard.version, standard.vendor]).toEqual([1, 'memwire']);
    expect(standard.validate(input)).toEqual({ value: input });
  });

  it('refuses, when the tool is built, a path parameter that is also a body field', () => {
    const [mielto] = TOOL_OPERATIONS as [ToolOperation];
    const clash: ToolOperation = {
      ...mielto,
      schema: { ...mielto.schema, body: { type: 'object', properties: { memory_id: { type: 'string' } } } },
    };
    expect(() => inputSchema(clash)).toThrow("memwire: mielto_update_memory's path parameter memory_id is also a body field");
    const bare: ToolOperation = { ...mielto, schema: { ...mielto.schema, body: { type: 'object' } } };
    expect(inputSchema(bare)).toMatchObject({ required: ['memory_id'], properties: { memory_id: { type: 'string' } } });
  });

  it("joins every issue into the tool's refusal, and sends nothing", async () => {
    const result = await tool('mielto_replace_memory').execute({ memroy: 'x' });
    expect(result).toEqual({
      ok: false,
      error: {
        type: 'InvalidArgumentError',
        message:
          '`memroy` is not a field of mielto_replace_memory; did you mean `memory`? `memory_id` is required by mielto_replace_memory. `memory` is required by mielto_replace_memory. Nothing was sent.',
        applied: 'no',
      },
    });
  });
});

describe('toolError', () => {
  const answer = { message: 'm', status: 404, headers: new Headers(), body: null, attempts: 1 };

  it('says of an error memwire did not make only that the write may have landed', () => {
    expect(toolError(new TypeError('boom sk-live-123'))).toEqual({
      type: 'Error',
      message: 'The tool failed unexpectedly; the write may have been applied.',
      applied: 'unknown',
    });
  });

  it.each([
    ['no', ''],
    ['unknown', ' The write may have landed and was not sent again: check the memory before repeating it.'],
    ['yes', ' The write was applied: do not send it again.'],
  ] as const)('adds to a failure whose write was applied %s what a model should do', (applied, advice) => {
    const error = new HookError('Mielto memories.update: afterResponse failed', { hook: 'afterResponse', applied, cause: null });
    expect(toolError(error)).toEqual({
      type: 'HookError',
      message: `Mielto memories.update: afterResponse failed${advice}`,
      applied,
    });
  });

  it("reads an error no call made (applied unset) as not applied, and keeps a 422's fields", () => {
    expect(toolError(new NotFoundError(answer))).toEqual({ type: 'NotFoundError', message: 'm', applied: 'no' });
    const invalid = new ValidationError({
      ...answer,
      status: 422,
      body: { detail: [{ loc: ['body', 'memory'], msg: 'Field required', type: 'missing' }] },
    });
    expect(toolError(invalid)).toMatchObject({ fieldErrors: { memory: ['Field required'] }, applied: 'no' });
    expect(toolError(new ValidationError(answer))).not.toHaveProperty('fieldErrors');
    const dropped = new ConnectionError('m', { cause: null, attempts: 1, origin: 'https://a.test' });
    expect(toolError(dropped)).not.toHaveProperty('fieldErrors');
  });
});

describe('a tool as built', () => {
  it('is titled by its provider and what it does', () => {
    expect(memoryTools(clients).map((tool) => [tool.title, tool.annotations.title])).toEqual([
      ['Mielto: update memory', 'Mielto: update memory'],
      ['Mielto: replace memory', 'Mielto: replace memory'],
      ['Supermemory: update memory', 'Supermemory: update memory'],
    ]);
  });

  it("is described by its spec's summary, then its prose a paragraph a line, then what a retry does", () => {
    for (const tool of memoryTools(clients)) {
      const { operation, schema } = TOOL_OPERATIONS.find((entry) => entry.schema.name === tool.name)!;
      const paragraphs = tool.description.split('\n\n');
      expect(paragraphs[0]!.startsWith(`${schema.summary}. `), tool.name).toBe(true);
      expect(paragraphs.every((paragraph) => paragraph.length > 0 && !paragraph.includes('\n'))).toBe(true);
      expect(paragraphs.length).toBe(schema.description.split('\n\n').length + 1);
      // Every word of the spec's, none run into the next where a line ended.
      const words = (text: string) => text.trim().split(/\s+/);
      expect(words(paragraphs.slice(0, -1).join(' '))).toEqual(words(`${schema.summary}. ${schema.description}`));
      expect(paragraphs.at(-1)).toBe(
        operation.idempotent
          ? 'Sending the same input twice has the effect of once.'
          : 'Each call is a new write: never repeat one whose result says applied "unknown" without checking first.',
      );
    }
  });

  it('is an OpenAI function tool, strict exactly where strict mode can take its schema', () => {
    for (const { type, function: fn } of openAITools(clients)) {
      expect(type).toBe('function');
      expect(fn.strict).toBe(strictModeObstacle(fn.parameters) === undefined);
      expect(fn.strict).toBe(false);
    }
  });
});

describe('strictModeObstacle on schemas without a type', () => {
  const closed = (props: Record<string, unknown>) => ({
    type: 'object',
    properties: props,
    required: Object.keys(props),
    additionalProperties: false,
  });

  it('passes an enum, a const or an anyOf alone', () => {
    expect(
      strictModeObstacle(closed({ a: { enum: ['x'] }, b: { const: 1 }, c: { anyOf: [{ type: 'string' }] } })),
    ).toBeUndefined();
  });

  it('finds an open object among its types, and a schema that is not an object', () => {
    expect(strictModeObstacle(closed({ a: { type: ['object', 'null'] } }))).toBe(
      'an object takes keys it does not list (at `a`)',
    );
    expect(strictModeObstacle(closed({ a: [] }))).toBe('a schema is not an object (at `a`)');
    expect(strictModeObstacle(closed({ a: 'string' }))).toBe('a schema is not an object (at `a`)');
    expect(strictModeObstacle(closed({ a: null }))).toBe('a schema is not an object (at `a`)');
    const noRequired = { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false };
    expect(strictModeObstacle(noRequired)).toBe('`a` is optional');
    expect(strictModeObstacle(closed({ a: { type: 'string' } }))).toBeUndefined();
  });
});
