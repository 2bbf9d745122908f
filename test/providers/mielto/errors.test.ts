import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ConnectionError,
  InvalidResponseError,
  MemwireError,
  NotFoundError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../../../src/index.js';
import { rejectionOf, useMieltoFake } from '../../helpers/mielto.js';

const { fake, clock, client } = useMieltoFake();

const seed = () => fake.seed([{ memory_id: 'mem_1', user_id: 'user_1', memory: 'Likes tea' }]);

describe('the typed 422', () => {
  it("is a ValidationError with the fake's pydantic v2 detail and field errors", async () => {
    seed();
    const error = await rejectionOf(client().memories.update('mem_1', { memory: 42, topics: ['ok', 7] } as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(MemwireError);
    const validation = error as ValidationError;
    expect(validation.status).toBe(422);
    expect(validation.detail?.map((issue) => issue.loc)).toEqual([
      ['body', 'memory'],
      ['body', 'topics', 1],
    ]);
    expect(validation.fieldErrors()).toEqual({
      memory: ['Input should be a valid string'],
      'topics.1': ['Input should be a valid string'],
    });
    expect(validation.message).toBe(
      'Mielto memories.update: 422 memory: Input should be a valid string; topics.1: Input should be a valid string',
    );
    expect(fake.get('mem_1')?.memory).toBe('Likes tea');
  });

  it('reads a replace without its memory text', async () => {
    seed();
    const error = await rejectionOf(client().memories.replace('mem_1', { topics: ['x'] } as never));
    expect((error as ValidationError).fieldErrors()).toEqual({ memory: ['Field required'] });
  });

  it('reads a pydantic v1 body', async () => {
    fake.failNext({
      status: 422,
      body: {
        detail: [
          { loc: ['body', 'memory'], msg: 'field required', type: 'value_error.missing' },
          { loc: ['body', 'metadata', 'k'], msg: 'str type expected', type: 'type_error.str' },
          { loc: ['body'], msg: 'value is not a valid dict', type: 'type_error.dict' },
        ],
      },
    });
    const error = (await rejectionOf(client().memories.replace('mem_1', { memory: 'x' }))) as ValidationError;
    expect(error.fieldErrors()).toEqual({
      memory: ['field required'],
      'metadata.k': ['str type expected'],
      '': ['value is not a valid dict'],
    });
    expect(error.detail?.[0]?.type).toBe('value_error.missing');
    expect(error.message).toBe(
      'Mielto memories.replace: 422 memory: field required; metadata.k: str type expected; value is not a valid dict',
    );
  });

  it('keeps the whole loc of an issue that is not about the body', async () => {
    const issue = { loc: ['path', 'memory_id'], msg: 'String should match pattern', type: 'string_pattern_mismatch' };
    fake.failNext({ status: 422, body: { detail: [issue] } });
    const error = (await rejectionOf(client().memories.replace('mem_1', { memory: 'x' }))) as ValidationError;
    expect(error.detail).toEqual([issue]);
    expect(error.fieldErrors()).toEqual({ 'path.memory_id': ['String should match pattern'] });
    expect(error.message).toBe('Mielto memories.replace: 422 path.memory_id: String should match pattern');
  });

  it('reads a pydantic v2 body with input, ctx and url', async () => {
    const issue = {
      type: 'string_too_short',
      loc: ['body', 'memory'],
      msg: 'String should have at least 1 character',
      input: '',
      ctx: { min_length: 1 },
      url: 'https://errors.pydantic.dev/2.10/v/string_too_short',
    };
    fake.failNext({ status: 422, body: { detail: [issue] } });
    const error = (await rejectionOf(client().memories.replace('mem_1', { memory: '' }))) as ValidationError;
    expect(error.detail).toEqual([issue]);
    expect(error.fieldErrors()).toEqual({ memory: ['String should have at least 1 character'] });
  });

  it.each([
    ['a plain detail string', { detail: 'Unprocessable' }],
    ['an unrelated JSON body', { errors: ['bad'] }],
    ['malformed issues', { detail: [{ loc: 'body', msg: 1 }] }],
    ['JSON null', null],
    ['a null issue', { detail: [null] }],
    ['an issue that is a string', { detail: ['Field required'] }],
    ['an issue whose loc is not a list', { detail: [{ loc: 'body.memory', msg: 'Field required', type: 'missing' }] }],
    ['an issue whose loc holds null', { detail: [{ loc: ['body', null], msg: 'Field required', type: 'missing' }] }],
    ['an issue whose loc holds a fraction', { detail: [{ loc: ['body', 1.5], msg: 'Field required', type: 'missing' }] }],
    ['an issue without a msg', { detail: [{ loc: ['body', 'memory'], type: 'missing' }] }],
    ['an issue without a type', { detail: [{ loc: ['body', 'memory'], msg: 'Field required' }] }],
    [
      'one malformed issue among good ones',
      {
        detail: [
          { loc: ['body', 'memory'], msg: 'Field required', type: 'missing' },
          { loc: ['body', 'topics'], msg: 'Input should be a valid list' },
        ],
      },
    ],
    ['HTML', '<html><body>422</body></html>'],
    ['an empty body', ''],
  ])('is still a ValidationError, keeping the raw body, for %s', async (_, body) => {
    fake.failNext({ status: 422, body });
    const error = (await rejectionOf(client().memories.update('mem_1', { memory: 'x' }))) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.detail).toBeUndefined();
    expect(error.fieldErrors()).toEqual({});
    expect(error.body).toEqual(body);
  });
});

describe('error pages and broken bodies', () => {
  it('turns an HTML error page into a ServerError with the page as its body', async () => {
    const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';
    fake.failNext({ status: 502, body: page });
    const error = (await rejectionOf(client().memories.update('mem_1', { memory: 'x' }, { maxRetries: 0 }))) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.body).toBe(page);
    expect(error.message).toBe('Mielto memories.update: 502 with an HTML page');
  });

  it('keeps the first line of a plain-text error in the message', async () => {
    fake.failNext({ status: 400, body: 'memory_id is malformed\nstack...' });
    const error = await rejectionOf(client().memories.update('mem_1', { memory: 'x' }));
    expect(error.message).toBe('Mielto memories.update: 400 memory_id is malformed');
  });

  it.each([
    ['an HTML page', '<html>Sign in</html>', /the body is not JSON \(text\/html/],
    ['truncated JSON', '{"memory_id": "mem_1", "mess', /the body is not JSON/],
    ['an empty body', '', /the body is empty/],
  ])('turns a 200 with %s into an InvalidResponseError, never a SyntaxError', async (_, body, message) => {
    seed();
    fake.failNext({ status: 200, body, applied: true });
    const error = await rejectionOf(client().memories.update('mem_1', { memory: 'applied' }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toMatch(message);
    expect((error as InvalidResponseError).body).toBe(body);
    expect(fake.requests).toHaveLength(1);
    expect(fake.get('mem_1')?.memory).toBe('applied');
  });

  it("names the memory and quotes the server's detail and request id on a 404", async () => {
    const error = (await rejectionOf(client().memories.update('mem_nope', { memory: 'x' }))) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      `Mielto memories.update: 404 Memory not found (PUT https://api.mielto.com/api/v1/memories/{memory_id}; no X-Workspace-Id was sent, so Mielto looked in the key's default workspace: pass workspaceId, or set MIELTO_WORKSPACE_ID)`,
    );
    expect(error.requestId).toMatch(/^req_/);
    expect(error.headers.get('x-request-id')).toBe(error.requestId);
  });

  it('serialises to JSON with what a log needs', async () => {
    const error = await rejectionOf(client().memories.update('mem_nope', { memory: 'x' }));
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'NotFoundError',
      message: `Mielto memories.update: 404 Memory not found (PUT https://api.mielto.com/api/v1/memories/{memory_id}; no X-Workspace-Id was sent, so Mielto looked in the key's default workspace: pass workspaceId, or set MIELTO_WORKSPACE_ID)`,
      status: 404,
      headers: { 'content-type': 'application/json', 'x-request-id': expect.stringMatching(/^req_/) as unknown },
      body: { detail: 'Memory not found' },
      requestId: expect.stringMatching(/^req_/) as unknown,
      attempts: 1,
      code: undefined,
      origin: 'https://api.mielto.com',
      applied: 'no',
    });
  });

  it.each([
    [418, 'ApiError', ApiError],
    [499, 'ApiError', ApiError],
    [500, 'ServerError', ServerError],
    [599, 'ServerError', ServerError],
  ])('makes a %i, which has no class of its own, a %s', async (status, _, ErrorClass) => {
    fake.failNext({ status });
    const error = await rejectionOf(client().memories.update('mem_1', { memory: 'x' }, { maxRetries: 0 }));
    expect(error.constructor).toBe(ErrorClass);
    expect(error).toMatchObject({ status });
  });

  it('keeps the error classes apart', async () => {
    expect(new TimeoutError('t', { cause: null, attempts: 1, origin: 'https://api.mielto.com' })).toBeInstanceOf(ConnectionError);
    const error = await rejectionOf(clock.run(client().memories.update('mem_nope', { memory: 'x' })));
    expect(error).not.toBeInstanceOf(ServerError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(error.name).toBe('NotFoundError');
  });
});
