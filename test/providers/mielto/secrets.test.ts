import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, ConnectionError, InvalidArgumentError, MemwireError } from '../../../src/index.js';
import { API_KEY, rejectionOf, useMieltoFake } from '../../helpers/mielto.js';

const { fake, clock, server, client } = useMieltoFake();

/** Everything an error shows: its message, JSON, stack and inspection. */
function everythingShown(error: Error): string {
  return [error.message, JSON.stringify(error), error.stack, String(error)].join('\n');
}

describe('the API key', () => {
  it('is sent as a bearer token', async () => {
    fake.seed([{ memory_id: 'm', user_id: 'u', memory: 'x' }]);
    await client().memories.update('m', { memory: 'x' });
    expect(fake.requests[0]!.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
  });

  it('never appears in an error, even when the server echoes it', async () => {
    server.use(
      http.put('https://api.mielto.com/api/v1/memories/:id', ({ request }) =>
        HttpResponse.json(
          { detail: `Invalid token: ${request.headers.get('authorization')}` },
          { status: 401, headers: { 'x-echo': request.headers.get('authorization')! } },
        ),
      ),
    );
    const error = await rejectionOf(client().memories.update('m', { memory: 'x' }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe('Mielto memories.update: 401 Invalid token: [redacted]');
    expect(everythingShown(error)).not.toContain(API_KEY);
    expect((error as AuthenticationError).headers.get('x-echo')).toBe('[redacted]');
  });

  it('never appears in a connection error whose cause mentions it', async () => {
    const leaky = (request: Request) =>
      Promise.reject(new TypeError(`socket hang up sending ${request.headers.get('authorization')}`));
    const error = await rejectionOf(clock.run(client({ fetch: leaky, maxRetries: 0 }).memories.update('m', { memory: 'x' })));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(everythingShown(error)).not.toContain(API_KEY);
  });

  it('is asked of the key function again for every attempt', async () => {
    fake.seed([{ memory_id: 'm', user_id: 'u', memory: 'x' }]);
    fake.failNext({ status: 503, times: 2 });
    const keys = [API_KEY, API_KEY, API_KEY];
    let calls = 0;
    const apiKey = () => {
      calls++;
      return Promise.resolve(keys.shift()!);
    };
    await clock.run(client({ apiKey }).memories.update('m', { memory: 'x' }));
    expect(calls).toBe(3);
    expect(fake.requests).toHaveLength(3);
  });

  it('from a function is used fresh: a rotated key reaches the server on the retry', async () => {
    fake.seed([{ memory_id: 'm', user_id: 'u', memory: 'x' }]);
    fake.failNext({ status: 503 });
    // The old key is rotated out after it was used once.
    const keys = ['sk-old-key-000000'];
    await clock.run(client({ apiKey: () => keys.shift() ?? API_KEY }).memories.update('m', { memory: 'x' }));
    expect(fake.requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer sk-old-key-000000', `Bearer ${API_KEY}`]);
  });

  it('from a function that fails gives a MemwireError and sends nothing', async () => {
    const error = await rejectionOf(
      client({
        apiKey: () => {
          throw new Error('vault unavailable');
        },
      }).memories.update('m', { memory: 'x' }),
    );
    expect(error).toBeInstanceOf(MemwireError);
    expect(error.message).toBe('Mielto memories.update: The apiKey function failed');
    expect(error.cause).toEqual(new Error('vault unavailable'));
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ['a number', 42],
    ['null', null],
  ])('that is %s is refused, given or returned by a function', async (_, apiKey) => {
    const refusal = new InvalidArgumentError('Mielto: The key must be a non-empty string, or a function that returns one');
    expect(() => client({ apiKey: apiKey as never })).toThrow(refusal);
    const error = await rejectionOf(client({ apiKey: () => apiKey as never }).memories.update('m', { memory: 'x' }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({
      message: 'Mielto memories.update: The key must be a non-empty string, or a function that returns one',
      applied: 'no',
    });
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ['empty', ''],
    ['with a line break', `${API_KEY}\r\nX-Admin: 1`],
  ])('that is %s is refused without being shown', async (_, apiKey) => {
    expect(() => client({ apiKey })).toThrow(InvalidArgumentError);
    const error = await rejectionOf(client({ apiKey: () => apiKey }).memories.update('m', { memory: 'x' }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(everythingShown(error)).not.toContain(API_KEY);
    expect(fake.requests).toHaveLength(0);
  });

  it('is not in JSON.stringify of the client', () => {
    expect(JSON.stringify(client())).not.toContain(API_KEY);
  });
});
