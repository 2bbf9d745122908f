import { describe, expect, it, vi } from 'vitest';
import { memoryUrl, update } from '../helpers/mielto-fetch.js';
import { API_KEY, useMieltoFake } from '../helpers/mielto.js';

const BASE = 'https://gateway.example/providers/mielto';
const { fake } = useMieltoFake({ baseUrl: `${BASE}/` });

describe('Mielto fake: a base URL with a path', () => {
  it('serves under the base path and strips it before routing', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'user_ada', memory: 'Tea' }]);
    const response = await fetch(memoryUrl('mem_1', '', BASE), {
      method: 'PUT',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ memory: 'Coffee' }),
    });
    expect(response.status).toBe(200);
    expect(fake.get('mem_1')?.memory).toBe('Coffee');
    expect(fake.baseUrl).toBe(BASE);
    expect(fake.matches('/providers/mielto/api/v1/memories/mem_1')).toBe(true);
    expect(fake.matches('/api/v1/memories/mem_1')).toBe(false);
  });

  it('does not intercept the default origin', async () => {
    // onUnhandledRequest: 'error' makes msw reject (and loudly report) requests no handler claims.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(update('mem_1', { memory: 'x' })).rejects.toThrow();
    expect(quiet).toHaveBeenCalled();
    quiet.mockRestore();
  });
});
