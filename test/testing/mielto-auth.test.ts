import { describe, expect, it } from 'vitest';
import { memoryUrl, send, update } from '../helpers/mielto-fetch.js';
import { API_KEY, useMieltoFake } from '../helpers/mielto.js';

const { fake } = useMieltoFake();

function seedCoffee() {
  fake.seed([{ memory_id: 'mem_1', user_id: 'user_ada', memory: 'Oat flat white' }]);
}

describe('Mielto fake: auth', () => {
  it('answers 401 {"detail":"Not authenticated"} with WWW-Authenticate when the header is missing', async () => {
    seedCoffee();
    const response = await update('mem_1', { memory: 'Espresso' }, { auth: null });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-request-id')).toBe('req_1');
    expect(await response.json()).toEqual({ detail: 'Not authenticated' });
    expect(fake.get('mem_1')?.memory).toBe('Oat flat white');
  });

  it.each([
    ['a wrong key', 'Bearer wrong-key'],
    ['a lower-case scheme', `bearer ${API_KEY}`],
    ['another scheme', 'Basic dGVzdC1rZXk6'],
    ['the bare key', API_KEY],
  ])('rejects %s: only `Bearer <apiKey>` exactly is accepted', async (_name, auth) => {
    seedCoffee();
    const response = await update('mem_1', { memory: 'Espresso' }, { auth });
    expect(response.status).toBe(401);
    expect(fake.get('mem_1')?.memory).toBe('Oat flat white');
  });

  it('checks auth before the body (401, not 422) and before the id (401, not 404)', async () => {
    expect((await update('mem_1', 'not json', { auth: null })).status).toBe(401);
    expect((await update('mem_unknown', { memory: 'x' }, { auth: null })).status).toBe(401);
  });

  it('routes before auth, as FastAPI does: unknown paths are 404 and wrong methods 405 even without a key', async () => {
    expect((await send('PUT', 'https://api.mielto.com/api/v1/nothing', { auth: null })).status).toBe(404);
    expect((await send('GET', memoryUrl('mem_1'), { auth: null })).status).toBe(405);
  });
});
