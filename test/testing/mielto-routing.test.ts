import { describe, expect, it } from 'vitest';
import type { MemoryUpdateResponse } from '../../generated/mielto.js';
import { BASE_URL, memoryUrl, replace, send, update } from '../helpers/mielto-fetch.js';
import { useMieltoFake } from '../helpers/mielto.js';

const { fake } = useMieltoFake();

describe('Mielto fake: routing on decoded path segments', () => {
  it.each([
    ['a slash', 'notes/2025/coffee'],
    ['a question mark', 'what?'],
    ['a hash', 'mem#1'],
    ['a percent sign', '100%'],
    ['an encoded-looking percent sequence', '%2e%2e'],
    ['spaces', 'my memory id'],
    ['non-ASCII', 'café-😀-記憶'],
    ['a route word after a slash', 'x/replace'],
  ])('an id with %s (%j) arrives decoded exactly once', async (_name, id) => {
    fake.seed([{ memory_id: id, user_id: 'user_ada', memory: 'Tea' }]);
    const updated = await update(id, { memory: 'Coffee' });
    expect(updated.status).toBe(200);
    expect(((await updated.json()) as MemoryUpdateResponse).memory_id).toBe(id);
    expect((await replace(id, { memory: 'Water' })).status).toBe(200);
    expect(fake.get(id)?.memory).toBe('Water');
    expect(fake.requests.map((request) => request.path.at(-1))).toEqual([id, 'replace']);
    expect(fake.requests[0]?.path).toEqual(['api', 'v1', 'memories', id]);
  });

  it('ignores the query string', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'user_ada', memory: 'Tea' }]);
    expect((await send('PUT', `${memoryUrl('mem_1')}?dry_run=true`, { body: { memory: 'x' } })).status).toBe(200);
  });

  it('answers 400 in the provider format for a malformed percent sequence', async () => {
    const response = await send('PUT', `${BASE_URL}/api/v1/memories/%E0%A4%A`, { body: { memory: 'x' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-request-id')).toBe('req_1');
    expect(await response.json()).toEqual({ detail: 'Malformed percent-encoding in the URL path' });
  });

  it.each([
    ['/'],
    ['/api/v1/memories'],
    ['/api/v1/memories/'],
    ['/api/v1/memories//replace'],
    ['/api/v1/memories/mem_1/replace/extra'],
    ['/api/v2/memories/mem_1'],
  ])('answers 404 {"detail":"Not Found"} for the unknown path %s', async (path) => {
    const response = await send('PUT', `${BASE_URL}${path}`, { body: { memory: 'x' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ detail: 'Not Found' });
  });

  it.each([
    ['GET', '', 'PUT'],
    ['POST', '', 'PUT'],
    ['DELETE', '', 'PUT'],
    ['PATCH', '', 'PUT'],
    ['PUT', '/replace', 'POST'],
    ['GET', '/replace', 'POST'],
  ])('answers 405 with Allow for %s on a memory path%s', async (method, suffix, allow) => {
    const response = await send(method, memoryUrl('mem_1', suffix));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect(await response.json()).toEqual({ detail: 'Method Not Allowed' });
  });

  it('says which paths it owns, so a server can host several fakes', () => {
    expect(fake.matches('/api/v1/memories/mem_1')).toBe(true);
    expect(fake.matches('/api/v1/memories/a%2Fb/replace')).toBe(true);
    expect(fake.matches('/api/v1/memories/%zz')).toBe(true);
    expect(fake.matches('/api/v1/memories/')).toBe(false);
    expect(fake.matches('/v1/memories/mem_1')).toBe(false);
  });
});
