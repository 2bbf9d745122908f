import { describe, expect, it } from 'vitest';
import { replace, send, memoryUrl, update } from '../helpers/mielto-fetch.js';
import { useMieltoFake } from '../helpers/mielto.js';

const { fake } = useMieltoFake();

async function detail(response: Response): Promise<unknown> {
  expect(response.status).toBe(422);
  expect(response.headers.get('content-type')).toBe('application/json');
  expect(response.headers.get('x-request-id')).toMatch(/^req_\d+$/);
  return ((await response.json()) as { detail: unknown }).detail;
}

describe('Mielto fake: 422 validation errors (FastAPI + pydantic v2 shape)', () => {
  it('has no pydantic docs url in any entry: FastAPI (0.110.2 and later) leaves it out', async () => {
    // fastapi/_compat/v2.py validates with exc.errors(include_url=False); json_invalid never had one.
    const entries = (await detail(await replace('mem_1', { topics: 'tea' }))) as Record<string, unknown>[];
    expect(entries.map((entry) => Object.keys(entry).sort())).toEqual([
      ['input', 'loc', 'msg', 'type'],
      ['input', 'loc', 'msg', 'type'],
    ]);
  });

  it('an absent body is missing at ["body"]', async () => {
    const response = await send('PUT', memoryUrl('mem_1'));
    expect(await detail(response)).toEqual([{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }]);
  });

  it('an empty body, or the JSON null, is missing at ["body"] too', async () => {
    const missing = [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }];
    expect(await detail(await update('mem_1', ''))).toEqual(missing);
    expect(await detail(await update('mem_1', 'null'))).toEqual(missing);
  });

  it.each([
    ['{"memory": }', 11, 'Expecting value'],
    ['{"memory": "x",}', 15, 'Expecting property name enclosed in double quotes'],
    ['{"memory" "x"}', 10, "Expecting ':' delimiter"],
    ['{"memory": "x" "topics": []}', 15, "Expecting ',' delimiter"],
    ['{"memory": "x"}}', 15, 'Extra data'],
    ['{"memory": "caf\u00e9 \u{1F600}', 11, 'Unterminated string starting at'],
    ['{"memory": "\u{1F600}\\q"}', 13, 'Invalid \\escape'],
    ['', 0, 'Expecting value'],
  ])('invalid JSON %j is json_invalid at its Python position %i', async (text, position, reason) => {
    // The empty case is a lone space: an empty body is "missing", not invalid JSON.
    const body = text === '' ? ' ' : text;
    const expectedPosition = text === '' ? 1 : position;
    expect(await detail(await update('mem_1', body))).toEqual([
      { type: 'json_invalid', loc: ['body', expectedPosition], msg: 'JSON decode error', input: {}, ctx: { error: reason } },
    ]);
  });

  it.each([[[1, 2]], ['a memory'], [42], [true]])('a body that is not an object (%j) is model_attributes_type', async (body) => {
    expect(await detail(await update('mem_1', JSON.stringify(body)))).toEqual([
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: body,
      },
    ]);
  });

  it('a JSON body sent as text/plain (fetch default for strings) is not parsed: model_attributes_type on the raw text', async () => {
    const text = '{"memory": "x"}';
    expect(await detail(await update('mem_1', text, { contentType: 'text/plain;charset=UTF-8' }))).toEqual([
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: text,
      },
    ]);
  });

  it('collects every wrong field type, in the model field order', async () => {
    const body = { metadata: ['a'], topics: 'coffee', memory: 7, user_id: false };
    expect(await detail(await update('mem_1', body))).toEqual([
      {
        type: 'string_type',
        loc: ['body', 'user_id'],
        msg: 'Input should be a valid string',
        input: false,
      },
      { type: 'string_type', loc: ['body', 'memory'], msg: 'Input should be a valid string', input: 7 },
      { type: 'list_type', loc: ['body', 'topics'], msg: 'Input should be a valid list', input: 'coffee' },
      {
        type: 'dict_type',
        loc: ['body', 'metadata'],
        msg: 'Input should be a valid dictionary',
        input: ['a'],
      },
    ]);
  });

  it('reports each bad list item at ["body", "topics", index]', async () => {
    expect(await detail(await update('mem_1', { topics: ['coffee', 2, null, { a: 1 }] }))).toEqual([
      {
        type: 'string_type',
        loc: ['body', 'topics', 1],
        msg: 'Input should be a valid string',
        input: 2,
      },
      {
        type: 'string_type',
        loc: ['body', 'topics', 2],
        msg: 'Input should be a valid string',
        input: null,
      },
      {
        type: 'string_type',
        loc: ['body', 'topics', 3],
        msg: 'Input should be a valid string',
        input: { a: 1 },
      },
    ]);
  });

  it('replace without memory is missing at ["body", "memory"] with the whole body as input', async () => {
    const body = { topics: ['tea'] };
    expect(await detail(await replace('mem_1', body))).toEqual([
      { type: 'missing', loc: ['body', 'memory'], msg: 'Field required', input: body },
    ]);
  });

  it('replace with memory: null is string_type (memory is not nullable there)', async () => {
    expect(await detail(await replace('mem_1', { memory: null }))).toEqual([
      {
        type: 'string_type',
        loc: ['body', 'memory'],
        msg: 'Input should be a valid string',
        input: null,
      },
    ]);
  });

  it('replace collects the missing memory together with other errors', async () => {
    const body = { user_id: 1, topics: 'tea', metadata: 'x' };
    expect(await detail(await replace('mem_1', body))).toEqual([
      { type: 'string_type', loc: ['body', 'user_id'], msg: 'Input should be a valid string', input: 1 },
      { type: 'missing', loc: ['body', 'memory'], msg: 'Field required', input: body },
      { type: 'list_type', loc: ['body', 'topics'], msg: 'Input should be a valid list', input: 'tea' },
      {
        type: 'dict_type',
        loc: ['body', 'metadata'],
        msg: 'Input should be a valid dictionary',
        input: 'x',
      },
    ]);
  });

  it('validates the body before looking the id up (422, not 404), and changes nothing', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'user_ada', memory: 'Tea' }]);
    expect((await update('mem_unknown', { memory: 1 })).status).toBe(422);
    expect((await update('mem_1', { memory: 1, topics: ['ok'] })).status).toBe(422);
    expect(fake.get('mem_1')).toMatchObject({ memory: 'Tea', topics: null });
  });
});
